// Package collate orders text as PostgreSQL does under a database's collation. Two are known:
// C, byte order, which authentik's official compose file gets (postgres:16-alpine: musl's
// strcoll compares bytes), and en_US.UTF-8 as glibc 2.36 defines it, which a database made by a
// Debian-based image gets (the official postgres:16, whose LANG is en_US.utf8).
//
// A [Collation] turns a text into a key whose byte order is the collation's order of the texts,
// so a sort computes each key once and compares bytes.
package collate

import (
	"fmt"
	"strings"
)

// Collation is one of PostgreSQL's text collations. The zero value is C.
type Collation struct {
	name  string
	table *table // nil for C
}

// C is byte order.
var C = Collation{name: "C"}

// names lists the collations [Lookup] knows, under the names the command takes.
var names = []string{"C", "en_US"}

// Lookup returns the collation of the name: "C" (or "POSIX", its other name in PostgreSQL), or
// "en_US" (also spelt "en_US.UTF-8" and "en_US.utf8", as PostgreSQL lists the locale).
func Lookup(name string) (Collation, error) {
	switch name {
	case "C", "POSIX":
		return C, nil
	case "en_US", "en_US.UTF-8", "en_US.utf8":
		t, err := enUS()
		if err != nil {
			return C, err
		}
		return Collation{name: "en_US", table: t}, nil
	}
	return C, fmt.Errorf("unknown collation %q; known: %s", name, strings.Join(names, ", "))
}

// String is the collation's name as [Lookup] takes it.
func (c Collation) String() string {
	if c.name == "" {
		return C.name
	}
	return c.name
}

// Key returns a key for s whose byte order (strings.Compare) is the order PostgreSQL gives
// texts under the collation. For C it is s itself. For en_US it is glibc's comparison, and where
// glibc finds two different texts equal, byte order, as PostgreSQL breaks such ties under a
// deterministic collation: the key ends with a 0x00 byte and s.
func (c Collation) Key(s string) string {
	if c.table == nil {
		return s
	}
	key := c.table.appendKey(make([]byte, 0, 12*len(s)+16), s)
	return string(append(append(key, 0x00), s...))
}
