package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// refState is what a checker knows about the references of its file. (It
// lives beside the checker, keyed by it, for the time of checker.config.)
type refState struct {
	top      *yaml.Node                // the top-level mapping
	resolved map[*yaml.Node]*yaml.Node // each reference read so far, resolved
	bad      map[*yaml.Node]bool       // references already reported
}

var refStates sync.Map // *checker → *refState

// refs returns c's reference state.
func (c *checker) refs() *refState {
	if s, ok := refStates.Load(c); ok {
		return s.(*refState)
	}
	s := &refState{resolved: map[*yaml.Node]*yaml.Node{}, bad: map[*yaml.Node]bool{}}
	refStates.Store(c, s)
	return s
}

// startRefs sets up c's reference state for the top-level mapping top; the
// returned function drops it.
func (c *checker) startRefs(top *yaml.Node) func() {
	c.refs().top = top
	return func() { refStates.Delete(c) }
}

// This file resolves cfg:// references as CPython 3.11's
// BaseConfigurator.cfg_convert does. dictConfig converts a value when it
// reads it by key or index (ConvertingDict get/getitem/pop, ConvertingList
// getitem), so the checker resolves every mapping value it reads; it does not
// convert the items of a list it iterates (a logger's handlers, a handler's
// filters, toaddrs...), which Python takes literally.

// The patterns of BaseConfigurator. Python's \w and \s are Unicode-aware.
var (
	cfgWord  = regexp.MustCompile(`^[\s\p{Z}]*([\p{L}\p{N}\p{Mn}_]+)[\s\p{Z}]*`)
	cfgDot   = regexp.MustCompile(`^\.[\s\p{Z}]*([\p{L}\p{N}\p{Mn}_]+)[\s\p{Z}]*`)
	cfgIndex = regexp.MustCompile(`^\[[\s\p{Z}]*([\p{L}\p{N}\p{Mn}_]+)[\s\p{Z}]*\][\s\p{Z}]*`)
	cfgDigit = regexp.MustCompile(`^[0-9]+$`)
)

// cfgSuffix returns what follows "cfg://" in v, if v is a string that
// dictConfig would convert (CONVERT_PATTERN: "^([a-z]+)://(.*)$", where .
// does not match a newline and $ also matches before a final newline).
func cfgSuffix(v *yaml.Node) (string, bool) {
	if !isString(v) || !strings.HasPrefix(v.Value, "cfg://") {
		return "", false
	}
	rest := strings.TrimSuffix(v.Value[len("cfg://"):], "\n")
	if strings.Contains(rest, "\n") {
		return "", false
	}
	return rest, true
}

// isCfgRef reports whether v is a cfg:// reference.
func isCfgRef(v *yaml.Node) bool {
	_, ok := cfgSuffix(v)
	return ok
}

// resolve returns the value a mapping value v stands for: the node a cfg://
// reference names (a copy, keeping the positions of the referenced value),
// or v itself. A reference that does not resolve is reported and returned as
// it is, marked so that the checks that follow skip it silently.
func (c *checker) resolve(ctx string, v *yaml.Node) *yaml.Node {
	v = deref(v)
	if !isCfgRef(v) || isINI(c.file) { // fileConfig has no cfg://
		return v
	}
	st := c.refs()
	if r, ok := st.resolved[v]; ok {
		return r
	}
	target, err := c.follow(v, nil)
	if err != "" {
		c.errorf(v, ctx, "%s", err)
		st.bad[v] = true
		st.resolved[v] = v
		return v
	}
	r := deepCopy(target)
	st.resolved[v] = r
	return r
}

// follow resolves the reference ref, whose resolution is needed by the
// references in chain (outermost first), and returns the node it names or
// a message saying why there is none.
func (c *checker) follow(ref *yaml.Node, chain []*yaml.Node) (*yaml.Node, string) {
	for i, r := range chain {
		if r == ref {
			var names []string
			for _, n := range append(chain[i:], ref) {
				names = append(names, fmt.Sprintf("%s (line %d)", quote(n.Value), n.Line))
			}
			return nil, fmt.Sprintf("%s never resolves: %s is a cycle", quote(chain[0].Value), strings.Join(names, " → "))
		}
	}
	chain = append(chain, ref)
	what := quote(ref.Value)
	if len(chain) > 1 {
		what += fmt.Sprintf(" (line %d, needed by %s)", ref.Line, quote(chain[0].Value))
	}
	rest, _ := cfgSuffix(ref)
	m := cfgWord.FindStringSubmatch(rest)
	if m == nil {
		return nil, fmt.Sprintf("%s: expected a top-level key after cfg://", what)
	}
	// get returns the value at a step, converting a reference found there,
	// as ConvertingDict and ConvertingList do.
	get := func(n *yaml.Node) (*yaml.Node, string) {
		n = deref(n)
		if isCfgRef(n) {
			return c.follow(n, chain)
		}
		return n, ""
	}
	key := m[1]
	done := "cfg://" + key
	var d *yaml.Node
	if p, ok := c.stringKey(c.refs().top, key); ok {
		var err string
		if d, err = get(p.val); err != "" {
			return nil, err
		}
	} else {
		return nil, fmt.Sprintf("%s: no top-level key %s%s", what, quote(key), suggest(key, c.stringKeys(c.refs().top)))
	}
	rest = rest[len(m[0]):]
	for rest != "" {
		var step string
		var next *yaml.Node
		if m := cfgDot.FindStringSubmatch(rest); m != nil {
			step = "." + m[1]
			rest = rest[len(m[0]):]
			switch d.Kind {
			case yaml.MappingNode:
				p, ok := c.stringKey(d, m[1])
				if !ok {
					return nil, fmt.Sprintf("%s: %s has no key %s%s", what, done, quote(m[1]), suggest(m[1], c.stringKeys(d)))
				}
				next = p.val
			case yaml.SequenceNode:
				return nil, fmt.Sprintf("%s: %s is a list: use [index], not %s", what, done, step)
			default:
				return nil, fmt.Sprintf("%s: %s is %s, not a mapping: cannot look up %s", what, done, describe(d), step)
			}
		} else if m := cfgIndex.FindStringSubmatch(rest); m != nil {
			idx := m[1]
			step = "[" + idx + "]"
			rest = rest[len(m[0]):]
			digits := cfgDigit.MatchString(idx)
			switch d.Kind {
			case yaml.SequenceNode:
				if !digits {
					return nil, fmt.Sprintf("%s: %s is a list: the index in %s must be a number", what, done, step)
				}
				i, err := strconv.Atoi(idx)
				if err != nil || i >= len(d.Content) {
					return nil, fmt.Sprintf("%s: index %s is out of range: %s has %s", what, idx, done, plural(len(d.Content), "item"))
				}
				next = d.Content[i]
			case yaml.MappingNode:
				if !digits {
					p, ok := c.stringKey(d, idx)
					if !ok {
						return nil, fmt.Sprintf("%s: %s has no key %s%s", what, done, quote(idx), suggest(idx, c.stringKeys(d)))
					}
					next = p.val
					break
				}
				// Python tries the integer first and falls back to the
				// string only on TypeError, which a mapping never raises:
				// [0] finds the integer key 0, never the string "0".
				p, ok := c.intKey(d, idx)
				if !ok {
					hint := ""
					if _, ok := c.stringKey(d, idx); ok {
						hint = fmt.Sprintf(" (CPython looks up %s as the integer %s; the key is the string %s: write .%s)", step, idx, quote(idx), idx)
					}
					return nil, fmt.Sprintf("%s: %s has no integer key %s%s", what, done, idx, hint)
				}
				next = p.val
			case yaml.ScalarNode:
				if isString(d) {
					return nil, fmt.Sprintf("%s: %s is %s: loggen does not index into strings", what, done, describe(d))
				}
				fallthrough
			default:
				return nil, fmt.Sprintf("%s: %s is %s, which cannot be indexed with %s", what, done, describe(d), step)
			}
		} else {
			return nil, fmt.Sprintf("%s: cannot read %s after %s: expected .key or [key]", what, quote(rest), done)
		}
		done += step
		var err string
		if d, err = get(next); err != "" {
			return nil, err
		}
	}
	return d, ""
}

// stringKey returns the entry of mapping n whose key is the string key.
func (c *checker) stringKey(n *yaml.Node, key string) (pair, bool) {
	for _, p := range c.pairs(n) {
		if p.name == key && isString(p.key) {
			return p, true
		}
	}
	return pair{}, false
}

// intKey returns the entry of mapping n whose key is the integer idx.
func (c *checker) intKey(n *yaml.Node, idx string) (pair, bool) {
	want, err := strconv.ParseInt(idx, 10, 64)
	if err != nil {
		return pair{}, false
	}
	for _, p := range c.pairs(n) {
		if pyEqualsInt(p.key, want) { // 1, 1.0 or true, as Python's d[1]
			return p, true
		}
	}
	return pair{}, false
}

// stringKeys returns the string keys of mapping n, for suggestions.
func (c *checker) stringKeys(n *yaml.Node) []string {
	var out []string
	for _, p := range c.pairs(n) {
		if isString(p.key) {
			out = append(out, p.name)
		}
	}
	return out
}

// deepCopy copies the tree at n; aliases keep naming the original nodes.
func deepCopy(n *yaml.Node) *yaml.Node {
	if n == nil {
		return nil
	}
	cp := *n
	if n.Content != nil {
		cp.Content = make([]*yaml.Node, len(n.Content))
		for i, ch := range n.Content {
			if ch.Kind == yaml.AliasNode {
				cp.Content[i] = ch
				continue
			}
			cp.Content[i] = deepCopy(ch)
		}
	}
	return &cp
}

// resolvePairs returns ps, the keys of the entry ctx, with each value
// resolved.
func (c *checker) resolvePairs(ctx string, ps []pair) []pair {
	out := make([]pair, len(ps))
	for i, p := range ps {
		out[i] = pair{name: p.name, key: p.key, val: c.resolve(ctx+": "+p.name, p.val)}
	}
	return out
}

// plural returns "1 item", "2 items".
func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
