from ccs_desktop.cli import main; raise SystemExit(main())  # noqa: E702  (frozen `ccs`)
