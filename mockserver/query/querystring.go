package query

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// Values is a decoded query string as Django's QueryDict.get sees it: the
// last value of each key.
type Values map[string]string

// MaxNumberFields is Django's DATA_UPLOAD_MAX_NUMBER_FIELDS default, the
// max_num_fields that QueryDict passes to urllib.parse.parse_qsl.
const MaxNumberFields = 1000

// ErrTooManyFields is Django's refusal of a query string with more than 1000
// fields (DATA_UPLOAD_MAX_NUMBER_FIELDS; parse_qsl counts 1 + number of '&' when
// the string is non-empty): TooManyFieldsSent, which authentik answers with a
// 400 HTML page.
var ErrTooManyFields = errors.New("query: the number of GET/POST parameters exceeded settings.DATA_UPLOAD_MAX_NUMBER_FIELDS")

// ErrNotUTF8 is a query string that is not UTF-8. Under ASGI, as authentik runs
// Django (uvicorn), Django decodes the raw query string as UTF-8, strictly, while
// it builds the request (ASGIRequest), so one that is not UTF-8 fails before any
// middleware or view runs: Django answers 400 with an empty body. See
// [CheckEncoding].
var ErrNotUTF8 = errors.New("query: the query string is not valid UTF-8")

// CheckEncoding is ASGIRequest's decoding of the raw query string: it returns
// ErrNotUTF8 for bytes that are not UTF-8.
func CheckEncoding(rawQuery string) error {
	if !utf8.ValidString(rawQuery) {
		return ErrNotUTF8
	}
	return nil
}

// ParseValues decodes r.URL.RawQuery exactly as Django 5.1's QueryDict does
// under ASGI.
//
// The raw bytes must be UTF-8 ([CheckEncoding] comes first). The text is then
// split as urllib.parse.parse_qsl(qs, keep_blank_values=True,
// encoding="utf-8", errors="replace", max_num_fields=1000) splits it: on '&'
// only, skipping empty pieces; a piece without '=' is a key with the value "".
// In keys and values '+' becomes a space and each run of ASCII characters is
// percent-decoded to bytes (an escape that is not '%' and two ASCII hex digits
// stays literal) which are decoded as UTF-8, each maximal ill-formed
// subsequence becoming one U+FFFD, as Python's "replace" error handler does.
// The last value of a repeated key wins. Every key and value of the result is
// valid UTF-8.
//
// The result is never nil when err is nil.
func ParseValues(rawQuery string) (Values, error) {
	if err := CheckEncoding(rawQuery); err != nil {
		return nil, err
	}
	if rawQuery == "" {
		return Values{}, nil
	}
	fields := 1 + strings.Count(rawQuery, "&")
	if fields > MaxNumberFields {
		return nil, ErrTooManyFields
	}
	v := make(Values, min(fields, 16))
	var d decoder
	rest := rawQuery
	for rest != "" {
		var piece string
		if i := strings.IndexByte(rest, '&'); i >= 0 {
			piece, rest = rest[:i], rest[i+1:]
		} else {
			piece, rest = rest, ""
		}
		if piece == "" {
			continue
		}
		name, value, _ := strings.Cut(piece, "=")
		v[d.unquotePlus(name)] = d.unquotePlus(value)
	}
	return v, nil
}

// decoder holds the buffers unquotePlus reuses between keys and values.
type decoder struct {
	out []byte // the decoded text being built
	run []byte // the current ASCII run after percent-decoding
}

// unquotePlus is urllib.parse.unquote_plus(s, "utf-8", "replace") applied to
// s, whose bytes are the text's UTF-8 encoding.
func (d *decoder) unquotePlus(s string) string {
	if strings.IndexByte(s, '%') < 0 && strings.IndexByte(s, '+') < 0 {
		return s
	}
	// Python percent-decodes and UTF-8-decodes each run of ASCII characters
	// on its own, so an ill-formed sequence never spans a literal non-ASCII
	// character: the run is flushed before each one.
	out, run := d.out[:0], d.run[:0]
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '+':
			run = append(run, ' ')
			i++
		case c == '%':
			if i+2 < len(s) {
				hi, lo := HexDigit(s[i+1]), HexDigit(s[i+2])
				if hi >= 0 && lo >= 0 {
					run = append(run, byte(hi<<4|lo))
					i += 3
					continue
				}
			}
			run = append(run, '%')
			i++
		case c < utf8.RuneSelf:
			run = append(run, c)
			i++
		default:
			out, run = appendDecodeReplace(out, run), run[:0]
			_, size := utf8.DecodeRuneInString(s[i:])
			out = append(out, s[i:i+size]...)
			i += size
		}
	}
	out = appendDecodeReplace(out, run)
	d.out, d.run = out, run
	return string(out)
}

// appendDecodeReplace appends b decoded as UTF-8 with Python's "replace"
// error handler: valid sequences are copied, and each maximal subpart of an
// ill-formed sequence (a lone invalid byte, or the longest prefix of a valid
// sequence that is cut short) becomes one U+FFFD.
func appendDecodeReplace(out, b []byte) []byte {
	const replacement = "\uFFFD"
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			out = append(out, c)
			i++
			continue
		}
		var need int
		lo, hi := byte(0x80), byte(0xbf)
		switch {
		case c >= 0xc2 && c <= 0xdf:
			need = 1
		case c == 0xe0:
			need, lo = 2, 0xa0
		case c == 0xed:
			need, hi = 2, 0x9f
		case c >= 0xe1 && c <= 0xef:
			need = 2
		case c == 0xf0:
			need, lo = 3, 0x90
		case c >= 0xf1 && c <= 0xf3:
			need = 3
		case c == 0xf4:
			need, hi = 3, 0x8f
		default:
			out = append(out, replacement...)
			i++
			continue
		}
		j := 1
		for ; j <= need; j++ {
			if i+j >= len(b) {
				break
			}
			d := b[i+j]
			if j == 1 {
				if d < lo || d > hi {
					break
				}
			} else if d < 0x80 || d > 0xbf {
				break
			}
		}
		if j > need {
			out = append(out, b[i:i+j]...)
		} else {
			out = append(out, replacement...)
		}
		i += j
	}
	return out
}
