package gen

import (
	"strings"
	"unicode"
)

// commonInitialisms are written in capitals in Go names, as golint does:
// "app.db" becomes AppDB, "request_id" becomes RequestID.
var commonInitialisms = map[string]bool{
	"ACL": true, "API": true, "ASCII": true, "AWS": true, "CPU": true, "CSS": true, "DB": true,
	"DNS": true, "EOF": true, "GUID": true, "HTML": true, "HTTP": true, "HTTPS": true, "ID": true,
	"IP": true, "JSON": true, "LHS": true, "QPS": true, "RAM": true, "RHS": true, "RPC": true,
	"SLA": true, "SMTP": true, "SQL": true, "SSH": true, "TCP": true, "TLS": true, "TTL": true,
	"UDP": true, "UI": true, "UID": true, "UUID": true, "URI": true, "URL": true, "UTF8": true,
	"VM": true, "XML": true, "XMPP": true, "XSRF": true, "XSS": true, "IO": true, "OS": true,
}

// exportedName turns a dotted or snake_case name into an exported Go
// identifier: "botocore.client.S3" → BotocoreClientS3, "app.db" → AppDB,
// "request_id" → RequestID. Characters that cannot appear in identifiers
// separate words. A name that does not start with an upper-case letter after
// that (digits, scripts without case) gets the given prefix.
func exportedName(name, prefix string) string {
	var b strings.Builder
	for _, word := range strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if up := strings.ToUpper(word); commonInitialisms[up] {
			b.WriteString(up)
			continue
		}
		rs := []rune(word)
		rs[0] = unicode.ToUpper(rs[0])
		b.WriteString(string(rs))
	}
	s := b.String()
	if s == "" {
		return prefix
	}
	if r := []rune(s)[0]; !unicode.IsUpper(r) {
		s = prefix + s
	}
	return s
}

// namer hands out unique identifiers within one generated file.
type namer struct{ used map[string]bool }

func newNamer(reserved ...string) *namer {
	n := &namer{used: map[string]bool{}}
	for _, r := range reserved {
		n.used[r] = true
	}
	return n
}

// unique returns want, or want with the first of suffix, suffix2, suffix3…
// that is free.
func (n *namer) unique(want, suffix string) string {
	if !n.used[want] {
		n.used[want] = true
		return want
	}
	for i := 1; ; i++ {
		s := want + suffix
		if i > 1 {
			s += itoa(i)
		}
		if !n.used[s] {
			n.used[s] = true
			return s
		}
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	var d []byte
	for ; i > 0; i /= 10 {
		d = append([]byte{byte('0' + i%10)}, d...)
	}
	return string(d)
}
