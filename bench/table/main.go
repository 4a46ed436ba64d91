// Command table makes the README's table from a recorded run of the
// benchmarks of package bench (go test -bench . -count N > results.txt):
//
//	go run ./table < results.txt > results.md
//
// For each scenario and mode it takes the median, over the N runs, of each
// metric the interleaved harness reports (each itself a median over the
// rounds of one run), and prints loggen's time and allocations and its
// ratio to each other contender, with the machine, versions, date and load
// of the run above the table.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
)

func main() {
	if err := run(os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "table:", err)
		os.Exit(1)
	}
}

// The scenarios and contenders in the order of the table.
var (
	scenarios = []struct{ bench, title string }{
		{"Disabled", "disabled call"},
		{"StaticMessage", "time+level+name+message"},
		{"TwoFields", "+ 2 typed fields"},
		{"Printf", `printf "user %s request %d"`},
		{"Timeless", "format without a time field"},
		{"File", "file, one write(2) per record"},
		{"BufferedFile", "file, buffered"},
		{"JSON", "JSON, + 2 typed fields"},
		{"SlogDisabled", "slog API: disabled call"},
		{"SlogStaticMessage", "slog API: message"},
		{"SlogTwoAttrs", "slog API: + 2 attributes"},
	}
	contenders = []string{"floor", "phuslu", "zerolog", "zap", "slog", "slog-json", "zap-py", "slog-py"}
)

func run(in io.Reader, out io.Writer) error {
	config := map[string]string{}
	var configOrder []string
	// values[benchmark][unit] are the values of the runs.
	values := map[string]map[string][]float64{}
	sc := bufio.NewScanner(in)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if k, v, ok := strings.Cut(line, ": "); ok && !strings.HasPrefix(line, "Benchmark") && !strings.Contains(k, " ") {
			if _, seen := config[k]; !seen {
				configOrder = append(configOrder, k)
			}
			config[k] = strings.TrimSpace(v)
			continue
		}
		f := strings.Fields(line)
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") {
			continue
		}
		name := strings.TrimPrefix(f[0], "Benchmark")
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			name = name[:i] // the GOMAXPROCS suffix
		}
		if values[name] == nil {
			values[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(f); i += 2 {
			v, err := strconv.ParseFloat(f[i], 64)
			if err != nil {
				return fmt.Errorf("%s: %q is not a number", f[0], f[i])
			}
			values[name][f[i+1]] = append(values[name][f[i+1]], v)
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	if len(values) == 0 {
		return fmt.Errorf("no benchmark lines in the input")
	}

	var about []string
	for _, k := range configOrder {
		about = append(about, k+" "+config[k])
	}
	fmt.Fprintf(out, "Recorded run: %s.\n\n", strings.Join(about, ", "))
	fmt.Fprintln(out, "Ratios are loggen's time over the other's, per round of the interleaved harness, median over rounds and then over runs: below 1 loggen is faster.")
	fmt.Fprintln(out)
	fmt.Fprintf(out, "| scenario | goroutines | loggen | loggen/%s |\n", strings.Join(contenders, " | loggen/"))
	fmt.Fprintf(out, "| --- | --- | ---:%s |\n", strings.Repeat(" | ---:", len(contenders)))
	for _, s := range scenarios {
		for _, mode := range []string{"single", "parallel"} {
			m := values[s.bench+"/"+mode]
			if m == nil {
				continue
			}
			goroutines := "1"
			if mode == "parallel" {
				goroutines = "GOMAXPROCS (" + config["gomaxprocs"] + ")"
			}
			cell := fmt.Sprintf("%s ns", num(median(m["loggen-ns/op"])))
			if a := median(m["loggen-allocs/op"]); a > 0 {
				cell += fmt.Sprintf(", %g allocs", a)
			}
			row := []string{s.title, goroutines, cell}
			for _, c := range contenders {
				r, ok := m["loggen/"+c]
				if !ok {
					row = append(row, "—")
					continue
				}
				cell := fmt.Sprintf("%.2f", median(r))
				if a := median(m[c+"-allocs/op"]); a > 0 {
					cell += fmt.Sprintf(" (%g allocs)", a)
				}
				row = append(row, cell)
			}
			fmt.Fprintf(out, "| %s |\n", strings.Join(row, " | "))
		}
	}
	return nil
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// num writes a time or count with three significant digits at most.
func num(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	default:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
}
