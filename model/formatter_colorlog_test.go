package model

import (
	"encoding/json"
	"os/exec"
	"slices"
	"testing"
)

// TestColorlogEscapesKnown checks a few of colorlog's escape codes.
func TestColorlogEscapesKnown(t *testing.T) {
	for name, want := range map[string]string{
		"reset": "\x1b[0m", "bold": "\x1b[1m", "thin": "\x1b[2m",
		"red": "\x1b[31m", "bold_red": "\x1b[1;31m", "thin_light_white": "\x1b[2;97m",
		"fg_bold_cyan": "\x1b[1;36m", "bg_white": "\x1b[47m", "bg_bold_blue": "\x1b[104m",
		"bg_light_black": "\x1b[100m", "fg_208": "\x1b[38;5;208m", "bg_0": "\x1b[48;5;0m",
	} {
		if got, ok := ColorlogEscape(name); !ok || got != want {
			t.Errorf("ColorlogEscape(%q) = %q, %v; want %q", name, got, ok, want)
		}
	}
	if got, ok := ColorlogColors("bold_red,,bg_white,"); !ok || got != "\x1b[1;31m\x1b[47m" {
		t.Errorf(`ColorlogColors("bold_red,,bg_white,") = %q, %v`, got, ok)
	}
	if _, ok := ColorlogColors("red, blue"); ok {
		t.Error(`ColorlogColors("red, blue") succeeded; colorlog has no colour " blue"`)
	}
}

// TestColorlogEscapesPython checks the whole table, and its order (which
// decides "did you mean" ties), against colorlog's escape_codes.
func TestColorlogEscapesPython(t *testing.T) {
	const python = "/usr/bin/python3"
	out, err := exec.Command(python, "-c", "import json, colorlog.escape_codes as e; print(json.dumps(list(e.escape_codes.items())))").Output()
	if err != nil {
		t.Skipf("%s cannot import colorlog (Debian: apt-get install python3-colorlog), so the escape codes are not compared with it: %v", python, err)
	}
	var items [][2]string
	if err := json.Unmarshal(out, &items); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, it := range items {
		names = append(names, it[0])
		if got, ok := ColorlogEscape(it[0]); !ok || got != it[1] {
			t.Errorf("ColorlogEscape(%q) = %q, %v; colorlog has %q", it[0], got, ok, it[1])
		}
	}
	if !slices.Equal(names, colorlogNames) {
		t.Errorf("the names are not in colorlog's order, or differ: %d names, colorlog has %d", len(colorlogNames), len(names))
	}
}
