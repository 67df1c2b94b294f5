"""``python -m lanyard``: the same command line as ``lanyard``."""

from lanyard.cli.main import main

if __name__ == "__main__":
    main()
