from citecheck.cli import main

if __name__ == "__main__":  # not when a process that multiprocessing starts imports it
    main()
