"""``python -m impl``: the command line, as the ``flask`` script runs it."""

if __name__ == "__main__":
    from impl.cli import main

    main()
