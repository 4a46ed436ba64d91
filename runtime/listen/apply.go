package listen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	logging "github.com/loggen/loggen/runtime"
	"github.com/loggen/loggen/runtime/dictconfig"
	"github.com/loggen/loggen/runtime/pyconf"
	"github.com/loggen/loggen/runtime/pyfmt"
)

// Apply applies one configuration as the listener does: a JSON dictConfig
// dictionary, or else a fileConfig INI file. It checks the whole
// configuration first; on an error nothing changes.
func Apply(data []byte) error {
	c, incremental, err := parse(data)
	if err != nil {
		return err
	}
	if incremental != nil {
		return logging.ConfigureDict(incremental)
	}
	return logging.Configure(c)
}

// parse reads and checks a configuration: a whole one as a logging.Config,
// or an incremental dictConfig dictionary (which logging.ConfigureDict
// checks as it applies it).
func parse(data []byte) (c *logging.Config, incremental map[string]any, err error) {
	var d any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&d); err == nil {
		if _, err := dec.Token(); err == io.EOF {
			m, ok := d.(map[string]any)
			if !ok {
				return nil, nil, fmt.Errorf("a JSON configuration is a dictionary, not %s", dictconfig.Describe(d))
			}
			return parseDict(m)
		}
	}
	ini, where, err := parseINI(data)
	if err != nil {
		return nil, nil, err
	}
	c, incremental, err = parseDict(ini)
	if err != nil {
		return nil, nil, dictconfig.Positioned(err, where)
	}
	return c, incremental, nil
}

// parseDict reads a dictConfig dictionary.
func parseDict(d map[string]any) (*logging.Config, map[string]any, error) {
	if pyfmt.Truthy(d["incremental"]) {
		return nil, d, nil
	}
	c, err := dictconfig.Build(d, nil)
	if err != nil {
		return nil, nil, err
	}
	return c, nil, nil
}

// parseINI reads a fileConfig INI file as pyconf reads it for the
// generator, and converts it to a dictConfig dictionary.
func parseINI(data []byte) (map[string]any, func([]string) (int, int), error) {
	f, errs := pyconf.ReadINI(data)
	if len(errs) > 0 || f == nil {
		var all []error
		for _, e := range errs {
			all = append(all, e)
		}
		if len(all) == 0 {
			all = append(all, errors.New("not a JSON dictionary nor an INI file"))
		}
		return nil, nil, fmt.Errorf("not JSON, and not a readable INI file: %w", errors.Join(all...))
	}
	return dictconfig.INIDict(f)
}
