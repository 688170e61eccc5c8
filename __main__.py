import sys

from aiconform.engine.launch import main

sys.exit(main())
