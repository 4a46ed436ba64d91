// Command loggen generates a Go logging package from a Python logging
// configuration (a logging.config.dictConfig dictionary in YAML or JSON).
//
// Usage, usually from a go:generate line:
//
//	//go:generate go run github.com/loggen/loggen/cmd/loggen -config logging.yaml -pkg logs -o logs_gen.go
//
// Flags:
//
//	-config FILE  the configuration file (required)
//	-pkg NAME     the package name of the output (default: $GOPACKAGE, set by go generate)
//	-o FILE       the output file (default: the config's base name + "_gen.go")
//	-check        write nothing; exit 1 if FILE differs from what would be generated
//
// The configuration may also be a logging.config.fileConfig INI file
// (a name ending in .ini). To see the dictConfig loggen reads from one:
//
//	loggen convert logging.ini
//
// prints it as YAML on stdout.
//
// A configuration with mistakes is not generated: loggen prints every
// mistake as file:line:col: message on stderr and exits 1. Bad usage exits 2.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/loggen/loggen/gen"
	"github.com/loggen/loggen/model"
	"go.yaml.in/yaml/v3"
)

// convert is "loggen convert FILE.ini": it prints the dictConfig equivalent
// to a fileConfig INI file, as YAML.
func convert(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loggen convert", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: loggen convert FILE.ini\n")
		fmt.Fprintf(stderr, "prints the dictConfig YAML equivalent to a fileConfig INI file\n")
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "loggen convert: expected one INI file")
		fs.Usage()
		return 2
	}
	name := fs.Arg(0)
	if !strings.HasSuffix(strings.ToLower(name), ".ini") {
		fmt.Fprintf(stderr, "loggen convert: %s is not an .ini file\n", name)
		return 2
	}
	data, err := model.ReadConfigFile(name)
	if err != nil {
		fmt.Fprintf(stderr, "loggen: %v\n", err)
		return 1
	}
	top, err := model.ConvertINI(name, data)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(top); err != nil {
		fmt.Fprintf(stderr, "loggen: %v\n", err)
		return 1
	}
	enc.Close()
	stdout.Write(buf.Bytes())
	return 0
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run is the whole command; it returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "convert" {
		return convert(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("loggen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	config := fs.String("config", "", "the logging configuration `file` (YAML or JSON dictConfig, or a fileConfig .ini)")
	pkg := fs.String("pkg", os.Getenv("GOPACKAGE"), "the package `name` of the generated file (default $GOPACKAGE)")
	out := fs.String("o", "", "the output `file` (default: the config's base name + \"_gen.go\")")
	check := fs.Bool("check", false, "write nothing; exit 1 if the output file is not up to date")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: loggen -config FILE [-pkg NAME] [-o FILE] [-check]\n       loggen convert FILE.ini\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "loggen: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	if *config == "" {
		fmt.Fprintln(stderr, "loggen: -config is required")
		fs.Usage()
		return 2
	}
	if *pkg == "" {
		fmt.Fprintln(stderr, "loggen: -pkg is required outside go generate")
		fs.Usage()
		return 2
	}
	if *out == "" {
		base := filepath.Base(*config)
		*out = strings.TrimSuffix(base, filepath.Ext(base)) + "_gen.go"
		*out = filepath.Join(filepath.Dir(*config), *out)
	}

	cfg, err := model.Load(*config)
	if err != nil {
		var list model.ErrorList
		if errors.As(err, &list) {
			fmt.Fprintln(stderr, err) // file:line:col: message, one per line
		} else {
			fmt.Fprintf(stderr, "loggen: %v\n", err)
		}
		return 1
	}
	src, err := gen.Generate(cfg, gen.Options{Package: *pkg, Source: sourceName(*config, *out)})
	if err != nil {
		fmt.Fprintf(stderr, "loggen: %v\n", err)
		return 1
	}
	old, readErr := os.ReadFile(*out)
	if *check {
		if readErr != nil || !bytes.Equal(old, src) {
			fmt.Fprintf(stderr, "loggen: %s is not up to date with %s; run go generate\n", *out, *config)
			return 1
		}
		return 0
	}
	if readErr == nil && bytes.Equal(old, src) {
		return 0 // unchanged: keep the file's modification time
	}
	if err := writeFile(*out, src); err != nil {
		fmt.Fprintf(stderr, "loggen: %v\n", err)
		return 1
	}
	return 0
}

// sourceName is the config's path relative to the output's directory, with
// slashes, for the "// source:" line.
func sourceName(config, out string) string {
	rel, err := filepath.Rel(filepath.Dir(out), config)
	if err != nil {
		rel = filepath.Base(config)
	}
	return filepath.ToSlash(rel)
}

// writeFile replaces name with data through a temporary file, so a reader
// never sees half a file.
func writeFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".loggen-*.go")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}
