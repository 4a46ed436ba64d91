package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"regexp"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"
)

// This file is a validator for the part of JSON Schema draft 2020-12 that
// loggen's schema uses, so that the schema's tests need no dependency. A
// keyword it does not know is an error, so the schema cannot use one
// unnoticed. TestSchemaPython checks its verdicts against Python's
// jsonschema where that is installed.

// A jsonValidator validates instances against one schema document.
type jsonValidator struct {
	root any
	res  map[string]*regexp.Regexp
}

// A schemaError is one failed keyword: where in the instance (a JSON
// pointer) and what.
type schemaError struct {
	At, Msg string
}

func (e schemaError) String() string { return e.At + ": " + e.Msg }

// newJSONValidator parses a schema document.
func newJSONValidator(schema []byte) (*jsonValidator, error) {
	d := json.NewDecoder(bytes.NewReader(schema))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		return nil, err
	}
	return &jsonValidator{root: root, res: map[string]*regexp.Regexp{}}, nil
}

// annotations are the keywords that assert nothing.
var annotations = map[string]bool{
	"$schema": true, "$id": true, "$defs": true, "$comment": true,
	"title": true, "description": true, "default": true, "examples": true,
}

// validate returns the errors of instance x against schema s; at is x's
// JSON pointer.
func (v *jsonValidator) validate(s any, x any, at string) []schemaError {
	switch s := s.(type) {
	case bool:
		if !s {
			return []schemaError{{at, "false schema: no value is valid here"}}
		}
		return nil
	case map[string]any:
		var errs []schemaError
		fail := func(format string, args ...any) {
			errs = append(errs, schemaError{at, fmt.Sprintf(format, args...)})
		}
		keys := make([]string, 0, len(s))
		for k := range s {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		obj, isObj := x.(map[string]any)
		arr, isArr := x.([]any)
		for _, k := range keys {
			kw := s[k]
			switch k {
			case "$ref":
				target, err := v.resolve(kw.(string))
				if err != nil {
					fail("%v", err)
					continue
				}
				errs = append(errs, v.validate(target, x, at)...)
			case "type":
				types := []any{kw}
				if l, ok := kw.([]any); ok {
					types = l
				}
				ok := false
				for _, t := range types {
					ok = ok || hasType(x, t.(string))
				}
				if !ok {
					fail("%s is not of type %v", jsonText(x), kw)
				}
			case "enum":
				ok := false
				for _, e := range kw.([]any) {
					ok = ok || jsonEqual(x, e)
				}
				if !ok {
					fail("%s is not one of %s", jsonText(x), jsonText(kw))
				}
			case "const":
				if !jsonEqual(x, kw) {
					fail("%s is not %s", jsonText(x), jsonText(kw))
				}
			case "pattern":
				str, ok := x.(string)
				if !ok {
					continue
				}
				re, err := v.regexp(kw.(string))
				if err != nil {
					fail("%v", err)
					continue
				}
				if !re.MatchString(str) {
					fail("%s does not match %s", jsonText(x), kw)
				}
			case "minimum", "maximum":
				n, ok := number(x)
				if !ok {
					continue
				}
				lim, _ := number(kw)
				if c := n.Cmp(lim); k == "minimum" && c < 0 || k == "maximum" && c > 0 {
					fail("%s is beyond the %s %s", jsonText(x), k, kw)
				}
			case "required":
				if !isObj {
					continue
				}
				for _, r := range kw.([]any) {
					if _, ok := obj[r.(string)]; !ok {
						fail("missing required key %q", r)
					}
				}
			case "properties":
				if !isObj {
					continue
				}
				props := kw.(map[string]any)
				for _, name := range sortedNames(obj) {
					if ps, ok := props[name]; ok {
						errs = append(errs, v.validate(ps, obj[name], at+"/"+pointerEscape(name))...)
					}
				}
			case "additionalProperties":
				if !isObj {
					continue
				}
				props, _ := s["properties"].(map[string]any)
				for _, name := range sortedNames(obj) {
					if _, ok := props[name]; !ok {
						errs = append(errs, v.validate(kw, obj[name], at+"/"+pointerEscape(name))...)
					}
				}
			case "propertyNames":
				if !isObj {
					continue
				}
				for _, name := range sortedNames(obj) {
					errs = append(errs, v.validate(kw, name, at+"/"+pointerEscape(name))...)
				}
			case "items":
				if !isArr {
					continue
				}
				n := 0
				if pi, ok := s["prefixItems"].([]any); ok {
					n = len(pi)
				}
				for i := n; i < len(arr); i++ {
					errs = append(errs, v.validate(kw, arr[i], fmt.Sprintf("%s/%d", at, i))...)
				}
			case "prefixItems":
				if !isArr {
					continue
				}
				for i, ps := range kw.([]any) {
					if i < len(arr) {
						errs = append(errs, v.validate(ps, arr[i], fmt.Sprintf("%s/%d", at, i))...)
					}
				}
			case "minItems", "maxItems":
				if !isArr {
					continue
				}
				lim, _ := kw.(json.Number).Int64()
				if k == "minItems" && int64(len(arr)) < lim || k == "maxItems" && int64(len(arr)) > lim {
					fail("a list of %d items is beyond %s %d", len(arr), k, lim)
				}
			case "anyOf", "oneOf":
				n := 0
				var sub []schemaError
				for _, alt := range kw.([]any) {
					e := v.validate(alt, x, at)
					if len(e) == 0 {
						n++
					}
					sub = append(sub, e...)
				}
				if n == 0 {
					fail("%s matches none of %s: %s", jsonText(x), k, firstErrors(sub))
				} else if k == "oneOf" && n > 1 {
					fail("%s matches %d schemas of oneOf", jsonText(x), n)
				}
			case "allOf":
				for _, sub := range kw.([]any) {
					errs = append(errs, v.validate(sub, x, at)...)
				}
			case "not":
				if len(v.validate(kw, x, at)) == 0 {
					fail("%s matches a schema it must not match", jsonText(x))
				}
			case "if":
				branch := "else"
				if len(v.validate(kw, x, at)) == 0 {
					branch = "then"
				}
				if b, ok := s[branch]; ok {
					errs = append(errs, v.validate(b, x, at)...)
				}
			case "then", "else":
				// with if
			default:
				if !annotations[k] {
					fail("the validator does not know the keyword %q", k)
				}
			}
		}
		return errs
	}
	return []schemaError{{at, fmt.Sprintf("a schema is an object or a boolean, not %T", s)}}
}

// firstErrors says what the first errors of an anyOf were.
func firstErrors(errs []schemaError) string {
	var ss []string
	for i, e := range errs {
		if i == 3 {
			ss = append(ss, "…")
			break
		}
		ss = append(ss, e.String())
	}
	return "[" + strings.Join(ss, "; ") + "]"
}

// resolve returns the schema that a local reference, #/$defs/name, names.
func (v *jsonValidator) resolve(ref string) (any, error) {
	rest, ok := strings.CutPrefix(ref, "#/")
	if !ok {
		return nil, fmt.Errorf("the validator resolves only local references, not %q", ref)
	}
	cur := v.root
	for _, p := range strings.Split(rest, "/") {
		p = strings.ReplaceAll(strings.ReplaceAll(p, "~1", "/"), "~0", "~")
		m, ok := cur.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("reference %q does not resolve", ref)
		}
		if cur, ok = m[p]; !ok {
			return nil, fmt.Errorf("reference %q does not resolve", ref)
		}
	}
	return cur, nil
}

// unicodeEscape is ECMA-262's \uXXXX, which Go's regexp writes \x{XXXX}.
var unicodeEscape = regexp.MustCompile(`\\u([0-9a-fA-F]{4})`)

func (v *jsonValidator) regexp(p string) (*regexp.Regexp, error) {
	if re, ok := v.res[p]; ok {
		return re, nil
	}
	re, err := regexp.Compile(unicodeEscape.ReplaceAllString(p, `\x{$1}`))
	if err != nil {
		return nil, err
	}
	v.res[p] = re
	return re, nil
}

// hasType reports whether x is of the JSON type t. An integer is a number
// without a fractional part, whatever its notation (1.0 is an integer).
func hasType(x any, t string) bool {
	switch t {
	case "null":
		return x == nil
	case "boolean":
		_, ok := x.(bool)
		return ok
	case "string":
		_, ok := x.(string)
		return ok
	case "array":
		_, ok := x.([]any)
		return ok
	case "object":
		_, ok := x.(map[string]any)
		return ok
	case "number":
		_, ok := number(x)
		return ok
	case "integer":
		n, ok := number(x)
		return ok && n.IsInt()
	}
	return false
}

// number returns a JSON number as an exact rational.
func number(x any) (*big.Rat, bool) {
	switch x := x.(type) {
	case int64:
		return new(big.Rat).SetInt64(x), true
	case *big.Int:
		return new(big.Rat).SetInt(x), true
	case float64:
		r := new(big.Rat)
		if r.SetFloat64(x) == nil {
			return nil, false // inf, nan: not JSON numbers
		}
		return r, true
	case json.Number:
		r, ok := new(big.Rat).SetString(string(x))
		return r, ok
	}
	return nil, false
}

// jsonEqual reports whether two JSON values are equal: numbers by value.
func jsonEqual(a, b any) bool {
	if na, ok := number(a); ok {
		nb, ok := number(b)
		return ok && na.Cmp(nb) == 0
	}
	switch a := a.(type) {
	case []any:
		bl, ok := b.([]any)
		if !ok || len(a) != len(bl) {
			return false
		}
		for i := range a {
			if !jsonEqual(a[i], bl[i]) {
				return false
			}
		}
		return true
	case map[string]any:
		bm, ok := b.(map[string]any)
		if !ok || len(a) != len(bm) {
			return false
		}
		for k, va := range a {
			if vb, ok := bm[k]; !ok || !jsonEqual(va, vb) {
				return false
			}
		}
		return true
	case string, bool, nil:
		if _, isNum := number(b); isNum {
			return false
		}
		return a == b
	}
	return false
}

// jsonText writes a value for messages.
func jsonText(x any) string {
	b, err := json.Marshal(x)
	if err != nil {
		return fmt.Sprint(x)
	}
	if len(b) > 60 {
		return string(b[:57]) + "..."
	}
	return string(b)
}

func sortedNames(m map[string]any) []string {
	names := make([]string, 0, len(m))
	for k := range m {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

func pointerEscape(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "~", "~0"), "/", "~1")
}

// dataModel returns a configuration file as Python's loader builds it, in
// the JSON data model: mappings (merge keys applied, keys as their text),
// lists, strings, int64 or *big.Int, float64, bools and nil; a YAML
// timestamp stays a pyTimestamp, which no JSON type matches. The error is
// the checker's, for a file that does not parse.
func dataModel(name string, data []byte) (any, error) {
	c := newChecker(name, data)
	top := c.decode()
	if top == nil {
		return nil, c.err()
	}
	var conv func(n *yaml.Node) any
	conv = func(n *yaml.Node) any {
		n = deref(n)
		switch n.Kind {
		case yaml.MappingNode:
			m := map[string]any{}
			for _, p := range c.pairs(n) {
				m[p.name] = conv(p.val)
			}
			return m
		case yaml.SequenceNode:
			l := []any{}
			for _, it := range n.Content {
				l = append(l, conv(it))
			}
			return l
		}
		if v, ok := pyScalar(n); ok {
			return v
		}
		return n.Value
	}
	return conv(top), nil
}
