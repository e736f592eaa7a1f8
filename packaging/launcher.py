from ccs_desktop.app import main; raise SystemExit(main())  # noqa: E702  (frozen entry point)
