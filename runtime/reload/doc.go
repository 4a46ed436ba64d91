// Package reload watches the logging configuration file that loggen
// generated a program's configuration from, and applies what changes in
// it while the program runs, as Log4j 2's monitorInterval and Logback's
// scan do:
//
//	if err := logs.Configure(); err != nil { ... }
//	w, err := reload.Watch("logging.yaml", reload.Options{
//		Interval: 5 * time.Second, // and/or
//		Signal:   true,            // SIGHUP, on Unix
//		Config:   logs.Config(),
//	})
//	if err != nil { ... }
//	defer w.Close()
//
// The file is read as loggen reads it (YAML as PyYAML's safe_load, JSON,
// or a fileConfig INI file, with loggen's own section), and the file as it
// is at Watch is the baseline the running configuration was generated
// from. A later version is applied in one of two ways:
//   - when only handler levels, logger levels and propagate changed, as an
//     incremental configuration (logging.ConfigureIncremental): the
//     handlers stay as they are;
//   - otherwise as a whole configuration (logging.Configure), built by
//     runtime/dictconfig's builder: changed and new formatters are parsed at
//     run time, changed and new handlers may be of the classes the runtime
//     makes without generated code (StreamHandler, FileHandler,
//     NullHandler), and the entries unchanged since the baseline are made
//     by the generated code (Options.Config), Go factories and generated
//     formatters included. As with dictConfig, every handler is created
//     anew and the old ones are closed; a record logged meanwhile goes
//     wholly through the old handlers or wholly through the new ones.
//
// Both read loggen's env://NAME and env://NAME:-default values as
// generated code does (dictconfig.BuildEnv), each time a changed file is
// applied, with the values the variables have then (an unchanged file is
// not applied again, whatever the environment).
//
// What only generated code can make is refused, naming the entry and
// "regenerate with loggen": a changed or new entry whose class or factory
// the run-time builder lacks (a Go factory, a class of loggen's classes
// map, logging.handlers classes), a change to loggen's classes map, and a
// changed format naming a field that is not in the generated Extra.
//
// A version with any mistake changes nothing: its mistakes, each as
// file:line:col, are reported on stderr and to Options.OnError, and the
// running configuration stays until a later version is good.
package reload
