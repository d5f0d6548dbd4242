package mockserver

import (
	"encoding/json"
	"maps"
	"os"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
		"application/json; charset=iso8859.1":              codecLatin1,    // no alias "iso8859.1": the retry with '.' read as '_' finds "iso8859_1"
		"application/json; charset=iso_8859.2":             "iso8859_2",    // the same retry: "iso_8859_2", a single-byte codec's alias
		"application/json; charset*=iso-8859-1''latin%31":  codecLatin1,    // RFC 2231 in Latin-1: unquote("latin%31", encoding="iso-8859-1") is "latin1"
		"application/json; charset=l1; charset*=bad''%41":  codecLatin1,    // "bad" cannot unquote: akmock skips that parameter, "l1" stands (README, Known differences)
		"application/json; charset=undefined":              codecUndefined, // a module of Python's encodings
		"application/json; charset=UNDEFINED":              codecUndefined,
		"application/json; charset= Undefined ":            codecUndefined,
	} {
		assert.Equal(t, want, bodyCodec(ct), "%q", ct)
	}
}

// TestCodecNames: pyCodec finds, for every name Python 3.13's codecs.lookup knows a codec by (each
// alias of encodings.aliases and module of the encodings package, in several spellings), the
// codec Python finds, and nothing for a name Python does not know (testdata/codec-names.json,
// made by testdata/gen_codec_names.py, gives the module of the codec Python found, or null).
// The codec akmock should find for a module is written out here, not taken from charset.go's
// tables: akmock's own codecs by the module Python decodes them with; a single-byte codec
// (charmapTables, generated from the same Python) by its module name; any other codec (the
// multi-byte ones, unicode_escape, idna, punycode) is not modelled, "" as for an unknown name.
func TestCodecNames(t *testing.T) {
	modules := map[string]string{
		"utf_8":              codecUTF8,
		"utf_8_sig":          codecUTF8Sig,
		"utf_16":             codecUTF16,
		"utf_16_le":          codecUTF16LE,
		"utf_16_be":          codecUTF16BE,
		"utf_32":             codecUTF32,
		"utf_32_le":          codecUTF32LE,
		"utf_32_be":          codecUTF32BE,
		"utf_7":              codecUTF7,
		"raw_unicode_escape": codecRawEscape,
		"latin_1":            codecLatin1,
		"charmap":            codecLatin1, // without a mapping, as a charset gives none
		"ascii":              codecASCII,
		"undefined":          codecUndefined,
		"base64_codec":       codecNotText,
		"bz2_codec":          codecNotText,
		"hex_codec":          codecNotText,
		"quopri_codec":       codecNotText,
		"rot_13":             codecNotText,
		"uu_codec":           codecNotText,
		"zlib_codec":         codecNotText,
	}
	// Every codec constant of charset.go is some module's, so none goes unchecked.
	decoded := slices.Collect(maps.Values(modules))
	for _, codec := range []string{codecUTF8, codecUTF8Sig, codecUTF16, codecUTF16LE, codecUTF16BE, codecUTF32, codecUTF32LE,
		codecUTF32BE, codecUTF7, codecRawEscape, codecLatin1, codecASCII, codecNotText, codecUndefined} {
		assert.Contains(t, decoded, codec, "no module is decoded with %q", codec)
	}

	data, err := os.ReadFile("testdata/codec-names.json")
	require.NoError(t, err)
	var names map[string]*string
	require.NoError(t, json.Unmarshal(data, &names))
	require.Greater(t, len(names), 1000)
	found := map[string]bool{} // the modules the names lead to
	for name, module := range names {
		want := ""
		if module != nil {
			found[*module] = true
			if codec, ok := modules[*module]; ok {
				want = codec
			} else if _, ok := charmapTables[*module]; ok {
				want = *module
			}
		}
		assert.Equal(t, want, pyCodec(name), "%q (Python: %v)", name, module)
	}
	for module := range modules {
		assert.True(t, found[module], "no name leads to %s", module)
	}
	for module := range charmapTables {
		assert.True(t, found[module], "no name leads to %s", module)
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
