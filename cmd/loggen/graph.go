package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"

	"github.com/loggen/loggen/model"
	"github.com/loggen/loggen/model/graph"
)

// graphUsage is the synopsis of loggen graph.
const graphUsage = `usage: loggen graph -config FILE [-format dot|mermaid] [-logger NAME] [-o FILE]
       loggen graph -config FILE -explain NAME
`

// graphCmd is "loggen graph": it draws the wiring of a configuration (the
// logger tree, levels, handlers, filters, propagation) as Graphviz DOT or
// Mermaid, with the route of a record from -logger NAME drawn in red; or,
// with -explain NAME, writes that route in text.
func graphCmd(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("loggen graph", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	flags.Usage = func() {}
	config := flags.String("config", "", "the logging configuration `file` (YAML or JSON dictConfig, or a fileConfig .ini)")
	format := flags.String("format", "dot", "what to write: `dot` (Graphviz: dot -Tsvg renders it) or mermaid (a flowchart GitHub renders in Markdown)")
	logger := flags.String("logger", "", "draw the route of a record logged to the logger `NAME` (root for the root logger)")
	explain := flags.String("explain", "", "write, in text, the effective level of the logger `NAME` and the handlers its records reach, level by level")
	out := flags.String("o", "", "write to `file` instead of stdout")
	usage := func(msg string) int {
		fmt.Fprintf(stderr, "loggen graph: %s\n%sRun loggen graph -h for the flags.\n", msg, graphUsage)
		return 2
	}
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, graphUsage+`
loggen graph draws how a configuration routes records: the loggers as a
tree (placeholders dashed), each with its level (and the effective level it
takes from its ancestors), arrows to the handlers (with level and
formatter) and to the filters, propagation (crossed out where it is off).
With -logger NAME the route of a record logged to NAME is drawn in red,
each handler it reaches labelled with the levels it emits. -explain NAME
writes that route in text, for a terminal.

	loggen graph -config logging.yaml | dot -Tsvg -o logging.svg
	loggen graph -config logging.yaml -format mermaid -logger app.db
	loggen graph -config logging.yaml -explain botocore.client.S3

Flags:
`)
			flags.SetOutput(stdout)
			flags.PrintDefaults()
			return 0
		}
		return usage(err.Error())
	}
	set := map[string]bool{}
	flags.Visit(func(f *flag.Flag) { set[f.Name] = true })
	switch {
	case flags.NArg() > 0:
		return usage(fmt.Sprintf("unexpected argument %q", flags.Arg(0)))
	case *config == "":
		return usage("-config is required")
	case *format != "dot" && *format != "mermaid":
		return usage(fmt.Sprintf("-format %q: expected dot or mermaid", *format))
	case set["explain"] && (set["format"] || set["logger"]):
		return usage("-explain writes text: it takes neither -format nor -logger")
	case set["explain"] && !graph.ValidName(*explain):
		return usage(fmt.Sprintf("-explain %q is not a logger name", *explain))
	case set["logger"] && !graph.ValidName(*logger):
		return usage(fmt.Sprintf("-logger %q is not a logger name", *logger))
	}

	cfg, err := model.Load(*config)
	if err != nil {
		var list model.ErrorList
		if errors.As(err, &list) {
			printErrors(stderr, list, false)
		} else {
			fmt.Fprintf(stderr, "loggen: %v\n", err)
		}
		return 1
	}
	printErrors(stderr, cfg.Warnings, false)
	w, err := graph.New(cfg)
	if err != nil {
		fmt.Fprintf(stderr, "loggen graph: %s: %v\n", *config, err)
		return 1
	}
	var b bytes.Buffer
	switch {
	case set["explain"]:
		err = w.Route(*explain).Explain(&b)
	case set["logger"] && *format == "mermaid":
		err = w.Route(*logger).Mermaid(&b)
	case set["logger"]:
		err = w.Route(*logger).DOT(&b)
	case *format == "mermaid":
		err = w.Mermaid(&b)
	default:
		err = w.DOT(&b)
	}
	if err == nil && *out != "" {
		err = writeFile(*out, b.Bytes())
	} else if err == nil {
		_, err = stdout.Write(b.Bytes())
	}
	if err != nil {
		fmt.Fprintf(stderr, "loggen: %v\n", err)
		return 1
	}
	return 0
}

// schemaCmd is "loggen schema": it writes the JSON Schema of the
// configurations loggen reads, for editors.
func schemaCmd(args []string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("loggen schema", flag.ContinueOnError)
	flags.SetOutput(io.Discard)
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, `usage: loggen schema

loggen schema writes the JSON Schema (draft 2020-12) of the logging
configurations loggen reads, made from the tables its checker uses. Editors
that read JSON Schemas complete keys and flag mistakes as a file is
written; with the YAML language server, start the file with

	# yaml-language-server: $schema=`+model.SchemaID+`

The schema validates the data as Python's loaders build it (a YAML file
read as PyYAML reads it), and flags the keys Python ignores, which loggen
warns about.
`)
			return 0
		}
		fmt.Fprintf(stderr, "loggen schema: %v\nusage: loggen schema\n", err)
		return 2
	}
	if flags.NArg() > 0 {
		fmt.Fprintf(stderr, "loggen schema: unexpected argument %q\nusage: loggen schema\n", flags.Arg(0))
		return 2
	}
	if _, err := stdout.Write(model.JSONSchema()); err != nil {
		fmt.Fprintf(stderr, "loggen: %v\n", err)
		return 1
	}
	return 0
}
