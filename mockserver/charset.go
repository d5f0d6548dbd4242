package mockserver

import (
	"fmt"
	"net/http"
	"strings"
	"unicode"
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

// Codecs akmock decodes request bodies with, by the name Python's codecs.lookup gives them.
const (
	codecUTF8   = "utf-8"
	codecLatin1 = "iso8859-1"
	codecASCII  = "ascii"
)

// pyCodecAliases maps the names Python's encodings package knows for each of akmock's codecs
// (encodings.aliases, and the codec's own module name), normalized as [pyCodecKey] does, to the
// codec.
var pyCodecAliases = invert(map[string][]string{
	codecUTF8:   {"utf_8", "cp65001", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4"},
	codecLatin1: {"latin_1", "8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1", "iso_8859_1", "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1"},
	codecASCII:  {"ascii", "646", "ansi_x3.4_1968", "ansi_x3.4_1986", "ansi_x3_4_1968", "cp367", "csascii", "ibm367", "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii"},
})

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

// pyCodecKey normalizes a codec name as Python's codecs.lookup does before it looks the name up
// (encodings.normalize_encoding of the lower-cased name): letters, digits and '.' are kept if
// ASCII and dropped if not, and each run of other characters becomes one '_' between kept ones.
func pyCodecKey(name string) string {
	var b []byte
	punct := false
	for _, r := range strings.ToLower(name) {
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '.' {
			punct = true
			continue
		}
		if punct && len(b) > 0 {
			b = append(b, '_')
		}
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		}
		punct = false
	}
	return string(b)
}

// bodyCodec is the codec DRF's parser decodes a body with: Django's request.encoding, which is
// the Content-Type's charset parameter when Python knows the codec, else DEFAULT_CHARSET
// (UTF-8). Charsets Python knows beyond UTF-8, ISO-8859-1 and ASCII are read as UTF-8 (README,
// Known differences).
func bodyCodec(ct string) string {
	charset, ok := contentTypeParam(ct, "charset")
	if !ok {
		return codecUTF8
	}
	key := pyCodecKey(charset)
	if codec, known := pyCodecAliases[key]; known {
		return codec
	}
	if codec, known := pyCodecAliases[strings.ReplaceAll(key, ".", "_")]; known {
		return codec
	}
	return codecUTF8
}

// contentTypeParam returns the last value of the parameter name in a Content-Type, as Django's
// parse_header_parameters reads it: parameters split at ';' outside double quotes, names
// stripped and lower-cased, values stripped and unquoted. RFC 2231 names (charset*=) are not
// read.
func contentTypeParam(ct, name string) (value string, found bool) {
	params := splitParams(ct)
	for _, p := range params[1:] {
		k, v, ok := strings.Cut(p, "=")
		if !ok || strings.ToLower(query.PyStrip(k)) != name {
			continue
		}
		v = query.PyStrip(v)
		if len(v) >= 2 && v[0] == '"' && v[len(v)-1] == '"' {
			v = strings.ReplaceAll(strings.ReplaceAll(v[1:len(v)-1], `\\`, `\`), `\"`, `"`)
		}
		value, found = v, true
	}
	return value, found
}

// splitParams is Django's _parseparam over ";" + ct: pieces split at each ';' that does not
// follow an odd number of unescaped double quotes within the piece, each stripped.
func splitParams(ct string) []string {
	var out []string
	s := ";" + ct
	for strings.HasPrefix(s, ";") {
		s = s[1:]
		end := strings.IndexByte(s, ';')
		for end > 0 && (strings.Count(s[:end], `"`)-strings.Count(s[:end], `\"`))%2 == 1 {
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
// UnicodeDecodeError, which 1.7.3 does not catch (1.8.0 of December 2025 does), is an
// unhandled error.
func parseBody(body []byte, codec string) (pyjson.Value, error) {
	var v pyjson.Value
	var err error
	switch codec {
	case codecLatin1:
		v, err = pyjson.ParseText(latin1(string(body)))
	case codecASCII:
		for i, c := range body {
			if c >= utf8.RuneSelf {
				return pyjson.Value{}, &serializer.Unhandled{Cause: fmt.Sprintf(
					"UnicodeDecodeError: 'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, i)}
			}
		}
		v, err = pyjson.ParseText(string(body))
	default:
		v, err = pyjson.Parse(body)
		if _, notUTF8 := err.(*pyjson.UnicodeError); notUTF8 {
			return pyjson.Value{}, &serializer.Unhandled{Cause: "UnicodeDecodeError: " + err.Error()}
		}
	}
	if err != nil {
		return pyjson.Value{}, &apiError{status: http.StatusBadRequest, detail: "JSON parse error - " + err.Error()}
	}
	return v, nil
}
