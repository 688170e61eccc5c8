from aiconform.engine.cli import main

main()
