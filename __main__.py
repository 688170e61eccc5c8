import sys

from aiconform.engine.cli import main

sys.exit(main())
