package mockserver

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestBodyCodec: the codec a Content-Type's charset names, as Python's codecs.lookup(charset).name
// gave it for each name (python3 3.11), for akmock's three codecs; a name Python does not know
// leaves DEFAULT_CHARSET, UTF-8, and so (a known difference) does one of its other codecs.
func TestBodyCodec(t *testing.T) {
	for ct, want := range map[string]string{
		"application/json":                                 codecUTF8,
		"application/json; charset=latin-1":                codecLatin1,
		"application/json; charset=LATIN1":                 codecLatin1,
		"application/json; charset=ISO_8859-1":             codecLatin1,
		"application/json; charset=iso-ir-100":             codecLatin1,
		"application/json; charset=iso_8859_1:1987":        codecLatin1,
		"application/json; charset=csISOLatin1":            codecLatin1,
		"application/json; charset=latin 1":                codecLatin1,
		"application/json; charset=US-ASCII":               codecASCII,
		"application/json; charset=ansi_x3.4-1968":         codecASCII,
		"application/json; charset=iso_646.irv:1991":       codecASCII,
		"application/json; charset=646":                    codecASCII,
		"application/json; charset=u8":                     codecUTF8,
		"application/json; charset=-utf-8-":                codecUTF8,
		"application/json; charset=utf--8":                 codecUTF8,
		"application/json; charset=utf.8":                  codecUTF8,   // LookupError: the default
		"application/json; charset=ütf-8":                  codecUTF8,   // LookupError: the default
		"application/json; charset=latiné1":                codecLatin1, // é is dropped: "latin1"
		"application/json; charset=é-latin1":               codecLatin1,
		"application/json; charset=bogus":                  codecUTF8,
		"application/json; charset=utf-16":                 codecUTF16,
		"application/json; charset=UTF_16LE":               codecUTF16LE,
		"application/json; charset=unicodebigunmarked":     codecUTF16BE,
		"application/json; charset=utf-32-be":              codecUTF32BE,
		"application/json; charset=utf8-sig":               codecUTF8, // no such alias: "utf8_sig" is unknown, the default
		"application/json; charset=utf-8-sig":              codecUTF8Sig,
		"application/json; charset=cp1252":                 "cp1252",
		"application/json; charset=Windows-1252":           "cp1252",
		"application/json; charset=big5":                   codecUTF8, // Python's big5, a multi-byte codec: not modelled
		"application/json; charset=UTF-7":                  codecUTF7,
		"application/json; charset=unicode-1-1-utf-7":      codecUTF7,
		"application/json; charset=u7":                     codecUTF7,
		"application/json; charset=unicode_escape":         codecUTF8,   // not modelled either
		"application/json; charset=CharMap":                codecLatin1, // "charmap" without a mapping
		`application/json; charset="latin-1"`:              codecLatin1,
		`application/json; x="a;charset=latin-1"`:          codecUTF8,
		"application/json; charset=ascii; charset=latin1":  codecLatin1, // the last one counts
		"application/json; CHARSET = latin1 ":              codecLatin1,
		"application/json; charset*=latin1":                codecLatin1, // the same parameter
		"application/json; charset*=utf-8''latin%31":       codecLatin1, // RFC 2231: "latin1"
		"application/json; charset*=utf-8''latin%C3%A91":   codecLatin1, // "latiné1": é separates
		"application/json; charset*=rot13''latin%31":       codecUTF8,   // rot13 cannot unquote: not read
		"application/json; charset*=utf-8''latin1'":        codecUTF8,   // three quotes: not RFC 2231 (Django counts exactly two)
		"application/json; charset*=us-ascii'en'latin1":    codecLatin1,
		"application/json; charset*=bogus''latin1":         codecLatin1, // no '%': nothing to decode
		"application/json; charset=ascii; charset*=latin1": codecLatin1,
		"application/json; charset=undefined":              codecUndefined, // a module of Python's encodings
		"application/json; charset=UNDEFINED":              codecUndefined,
		"application/json; charset= Undefined ":            codecUndefined,
	} {
		assert.Equal(t, want, bodyCodec(ct), "%q", ct)
	}
}

// TestSplitParams: Django's _parseparam, which keeps a ';' inside double quotes.
func TestSplitParams(t *testing.T) {
	assert.Equal(t, []string{"text/plain", "a=1", "b=2"}, splitParams("text/plain; a=1 ;b=2"))
	assert.Equal(t, []string{"x", `a="1;2"`, "b=3"}, splitParams(`x;a="1;2";b=3`))
	assert.Equal(t, []string{"x", `a="1\";2"`}, splitParams(`x;a="1\";2"`))
	assert.Equal(t, []string{"", ""}, splitParams(";"))
	assert.Equal(t, []string{"x", `a="open`}, splitParams(`x;a="open`))
}
