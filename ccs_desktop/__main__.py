from ccs_desktop.app import main

raise SystemExit(main())
