package mockserver

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"akmock/fixtures/pyjson"
	"akmock/mockserver/query"
	"akmock/mockserver/serializer"
)

// contentType is DRF's request.content_type as authentik's ASGI server gives it to Django:
// ASGIRequest decodes each header value as ISO-8859-1 (one character per byte) and joins the
// values of a repeated header with commas.
func contentType(r *http.Request) string {
	return latin1(strings.Join(r.Header.Values("Content-Type"), ","))
}

// latin1 reads the bytes of s as ISO-8859-1 text, one character per byte, as Django's
// ASGIRequest reads header values.
func latin1(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			chars := make([]rune, len(s))
			for j := 0; j < len(s); j++ {
				chars[j] = rune(s[j])
			}
			return string(chars)
		}
	}
	return s
}

// Codecs akmock decodes request bodies with, by the name Python's codecs.lookup gives them, and
// codecNotText for the codecs Python knows that decode no text (base64, rot13, …), and
// codecUndefined for Python's "undefined" codec, which refuses to decode anything.
const (
	codecUTF8      = "utf-8"
	codecUTF8Sig   = "utf-8-sig"
	codecUTF16     = "utf-16"
	codecUTF16LE   = "utf-16-le"
	codecUTF16BE   = "utf-16-be"
	codecUTF32     = "utf-32"
	codecUTF32LE   = "utf-32-le"
	codecUTF32BE   = "utf-32-be"
	codecUTF7      = "utf-7"
	codecRawEscape = "raw-unicode-escape"
	codecLatin1    = "iso8859-1"
	codecASCII     = "ascii"
	codecNotText   = "not text"
	codecUndefined = "undefined"
)

// pyCodecAliases maps the aliases Python's encodings.aliases gives akmock's codecs and the codecs
// that decode no text to the codec; pyCodecModules maps the codecs' module names.
var (
	pyCodecAliases = invert(map[string][]string{
		codecUTF8:    {"cp65001", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4"},
		codecUTF16:   {"u16", "utf16"},
		codecUTF16LE: {"unicodelittleunmarked", "utf_16le"},
		codecUTF16BE: {"unicodebigunmarked", "utf_16be"},
		codecUTF32:   {"u32", "utf32"},
		codecUTF32LE: {"utf_32le"},
		codecUTF32BE: {"utf_32be"},
		codecUTF7:    {"u7", "unicode_1_1_utf_7", "utf7"},
		codecLatin1:  {"8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1", "iso_8859_1", "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1"},
		codecASCII:   {"646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii"},
		codecNotText: {"base64", "base_64", "bz2", "hex", "quopri", "quoted_printable", "quotedprintable", "rot13", "uu", "zip", "zlib"},
	})
	pyCodecModules = invert(map[string][]string{
		codecUTF8:      {"utf_8"},
		codecUTF8Sig:   {"utf_8_sig"},
		codecUTF16:     {"utf_16"},
		codecUTF16LE:   {"utf_16_le"},
		codecUTF16BE:   {"utf_16_be"},
		codecUTF32:     {"utf_32"},
		codecUTF32LE:   {"utf_32_le"},
		codecUTF32BE:   {"utf_32_be"},
		codecUTF7:      {"utf_7"},
		codecRawEscape: {"raw_unicode_escape"},
		codecLatin1:    {"latin_1", "charmap"}, // "charmap" without a mapping is Latin-1
		codecASCII:     {"ascii"},
		codecNotText:   {"base64_codec", "bz2_codec", "hex_codec", "quopri_codec", "rot_13", "uu_codec", "zlib_codec"},
		codecUndefined: {"undefined"},
	})
)

// invert maps each name of a codec to the codec.
func invert(names map[string][]string) map[string]string {
	out := map[string]string{}
	for codec, aliases := range names {
		for _, name := range aliases {
			out[name] = codec
		}
	}
	return out
}

// pyCodec is the codec Python's codecs.lookup finds for name among those akmock knows, or "":
// one of the codec constants above, or a single-byte codec's module name ([charmapTables]).
// CPython normalizes the name byte by byte (_Py_normalize_encoding): ASCII letters and digits
// lower-cased and '.' kept, each run of other bytes (every byte of a non-ASCII character too)
// one '_' between kept ones. encodings.search_function then tries the aliases, again with '.'
// read as '_', and last the name as a module, which must hold no '.'.
func pyCodec(name string) string {
	var b []byte
	punct := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' {
			if punct && len(b) > 0 {
				b = append(b, '_')
			}
			b = append(b, c)
			punct = false
		} else {
			punct = true
		}
	}
	key := string(b)
	for _, alias := range []string{key, strings.ReplaceAll(key, ".", "_")} {
		if codec, ok := pyCodecAliases[alias]; ok {
			return codec
		}
		if codec, ok := charmapAliases[alias]; ok {
			return codec
		}
	}
	if _, ok := charmapTables[key]; ok {
		return key
	}
	return pyCodecModules[key]
}

// bodyCodec is the codec DRF's parser decodes a body with: Django's request.encoding, which is
// the Content-Type's charset parameter when Python knows the codec, else DEFAULT_CHARSET
// (UTF-8). The codecs Python knows beyond those akmock decodes (the multi-byte ones such as big5
// and shift_jis, unicode_escape, idna, punycode) are read as UTF-8 (README, Known differences).
func bodyCodec(ct string) string {
	charset, ok := contentTypeCharset(ct)
	if !ok {
		return codecUTF8
	}
	if codec := pyCodec(charset); codec != "" {
		return codec
	}
	return codecUTF8
}

// contentTypeCharset returns the last charset parameter of a Content-Type, as Django 5.1's
// parse_header_parameters reads it: parameters split at ';' outside double quotes, names
// stripped and lower-cased, values stripped and unquoted. charset* is the same parameter; when
// its piece holds exactly two "'", the value is RFC 2231's charset'language'percent-encoded text.
func contentTypeCharset(ct string) (value string, found bool) {
	params := splitParams(ct)
	for _, p := range params[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(query.PyStrip(k))
		rfc2231 := false
		if strings.HasSuffix(k, "*") {
			k = k[:len(k)-1]
			rfc2231 = strings.Count(p, "'") == 2
		}
		if k != "charset" {
			continue
		}
		v = query.PyStrip(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = strings.ReplaceAll(strings.ReplaceAll(v[1:len(v)-1], `\\`, `\`), `\"`, `"`)
		}
		if rfc2231 {
			parts := strings.SplitN(v, "'", 3)
			if len(parts) != 3 {
				continue // the two "'" are not both in the value: Python's unpacking fails
			}
			if v, ok = unquoteCharset(parts[2], parts[0]); !ok {
				continue
			}
		}
		value, found = v, true
	}
	return value, found
}

// unquoteCharset is urllib.parse.unquote(s, encoding=charset) for a value that names a codec.
// Text without '%' is returned as it is, whatever the charset. Escapes are kept as the bytes
// they stand for, not decoded in charset: every byte outside ASCII, however it would decode,
// only separates in a codec name ([pyCodec]). With a charset other than UTF-8, ISO-8859-1 or
// ASCII it reports false (Python would decode it, or fail the whole request for a codec it does
// not know: README, Known differences).
func unquoteCharset(s, charset string) (string, bool) {
	if !strings.Contains(s, "%") {
		return s, true
	}
	switch pyCodec(charset) {
	case codecUTF8, codecLatin1, codecASCII:
	default:
		return "", false
	}
	var raw []byte
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			if b, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				raw = append(raw, byte(b))
				i += 2
				continue
			}
		}
		raw = append(raw, s[i])
	}
	return string(raw), true
}

// splitParams is Django's _parseparam over ";" + ct: pieces split at each ';' that does not
// follow an odd number of unescaped double quotes within the piece, each stripped.
func splitParams(ct string) []string {
	var out []string
	s := ";" + ct
	for strings.HasPrefix(s, ";") {
		s = s[1:]
		end := strings.IndexByte(s, ';')
		// The quotes in s[:end] are counted as end moves on, each part of s once: a piece that
		// holds many ';' inside quotes would otherwise be counted again from its start at each
		// one (quadratic in a 64 KiB header). No `\"` spans two parts, as each part after the
		// first starts with a ';'.
		quotes, escaped, counted := 0, 0, 0 // in s[:counted]
		for end > 0 {
			quotes += strings.Count(s[counted:end], `"`)
			escaped += strings.Count(s[counted:end], `\"`)
			counted = end
			if (quotes-escaped)%2 != 1 {
				break
			}
			next := strings.IndexByte(s[end+1:], ';')
			if next < 0 {
				end = -1
				break
			}
			end += 1 + next
		}
		if end < 0 {
			end = len(s)
		}
		out = append(out, query.PyStrip(s[:end]))
		s = s[end:]
	}
	return out
}

// parseBody is drf-orjson-renderer 1.7.3's ORJSONParser.parse: body.decode(codec), then
// orjson.loads. orjson's errors are DRF's 400 "JSON parse error - …"; the decoder's
// UnicodeDecodeError, which 1.7.3 does not catch (1.8.0 of December 2025 does), is an unhandled
// error, and so are the LookupError of a codec that decodes no text (bytes.decode refuses
// "rot13") and the UnicodeError of the "undefined" codec, which Django accepts as a request's
// encoding since codecs.lookup finds it. orjson refuses text that holds a surrogate without its
// pair (utf-7 and raw_unicode_escape decode one) before reading it. A document of more than
// maxBodyValues values and keys is akmock's 413 where the parser passes the limit; what orjson
// refuses before that point keeps orjson's error.
func parseBody(body []byte, codec string) (pyjson.Value, error) {
	text, err := decodeBody(body, codec)
	if err != nil {
		return pyjson.Value{}, err
	}
	if !utf8.ValidString(text) { // a surrogate without its pair, which utf-7 and raw_unicode_escape decode to
		return pyjson.Value{}, &apiError{status: http.StatusBadRequest, detail: "JSON parse error - str is not valid UTF-8: surrogates not allowed: line 1 column 1 (char 0)"}
	}
	v, err := pyjson.ParseTextWithin(text, maxBodyValues)
	var tooMany *pyjson.LimitError
	switch {
	case errors.As(err, &tooMany):
		return pyjson.Value{}, errTooManyValues(tooMany.Max)
	case err != nil:
		return pyjson.Value{}, &apiError{status: http.StatusBadRequest, detail: "JSON parse error - " + err.Error()}
	}
	return v, nil
}

// decodeBody is body.decode(codec): the text, or, where Python raises, the unhandled error
// (whose cause is for the log only).
func decodeBody(body []byte, codec string) (string, error) {
	unhandled := func(cause string) (string, error) { return "", &serializer.Unhandled{Cause: cause} }
	if decode, ok := unicodeCodecs[codec]; ok { // UTF-16 and UTF-32
		if text, ok := decode(body); ok {
			return text, nil
		}
		return unhandled("UnicodeDecodeError: the body is not valid " + codec)
	}
	if table, ok := charmapTables[codec]; ok { // cp1252, koi8_r, …
		if text, ok := decodeCharmap(body, table); ok {
			return text, nil
		}
		return unhandled("UnicodeDecodeError: a byte of the body maps to no character in " + codec)
	}
	switch codec {
	case codecUTF7:
		if text, ok := decodeUTF7(body); ok {
			return text, nil
		}
		return unhandled("UnicodeDecodeError: the body is not valid utf-7")
	case codecRawEscape:
		if text, ok := decodeRawUnicodeEscape(body); ok {
			return text, nil
		}
		return unhandled("UnicodeDecodeError: a \\u or \\U escape in the body is truncated or out of range")
	case codecNotText:
		return unhandled("LookupError: the charset names a codec that decodes no text")
	case codecUndefined:
		return unhandled("UnicodeError: undefined encoding")
	case codecLatin1:
		return latin1(string(body)), nil
	case codecASCII:
		for i, c := range body {
			if c >= utf8.RuneSelf {
				return unhandled(fmt.Sprintf("UnicodeDecodeError: 'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, i))
			}
		}
		return string(body), nil
	case codecUTF8Sig:
		body = bytes.TrimPrefix(body, bomUTF8)
	}
	text, err := pyjson.DecodeUTF8(body) // UTF-8, and utf-8-sig without its mark
	if err != nil {
		return unhandled("UnicodeDecodeError: " + err.Error())
	}
	return text, nil
}
