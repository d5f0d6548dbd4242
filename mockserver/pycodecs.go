package mockserver

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"akmock/mockserver/query"
)

// The byte order marks Python's "utf-16" and "utf-32" codecs read, and "utf-8-sig" drops.
var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
	bomUTF32LE = []byte{0xFF, 0xFE, 0x00, 0x00}
	bomUTF32BE = []byte{0x00, 0x00, 0xFE, 0xFF}
)

// byteOrderOf is the byte order a leading mark names (the mark cut off), as Python's "utf-16"
// and "utf-32" codecs read it; without a mark, little-endian, the native order CPython assumes
// on the machines authentik runs on (x86-64 and arm64).
func byteOrderOf(body, le, be []byte) ([]byte, binary.ByteOrder) {
	switch {
	case bytes.HasPrefix(body, le):
		return body[len(le):], binary.LittleEndian
	case bytes.HasPrefix(body, be):
		return body[len(be):], binary.BigEndian
	}
	return body, binary.LittleEndian
}

// decodeUTF16 decodes body as Python's UTF-16 codecs in that byte order do; false where Python
// raises UnicodeDecodeError (an odd length, or a surrogate without its pair).
func decodeUTF16(body []byte, order binary.ByteOrder) (string, bool) {
	if len(body)%2 != 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i += 2 {
		u := rune(order.Uint16(body[i:]))
		if utf16.IsSurrogate(u) {
			if u >= 0xDC00 || i+4 > len(body) { // a low surrogate first, or a high one at the end
				return "", false
			}
			r := utf16.DecodeRune(u, rune(order.Uint16(body[i+2:])))
			if r == 0xFFFD {
				return "", false
			}
			u = r
			i += 2
		}
		b.WriteRune(u)
	}
	return b.String(), true
}

// decodeUTF32 decodes body as Python's UTF-32 codecs in that byte order do; false where Python
// raises UnicodeDecodeError (a length not a multiple of four, a value past U+10FFFF or a
// surrogate).
func decodeUTF32(body []byte, order binary.ByteOrder) (string, bool) {
	if len(body)%4 != 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); i += 4 {
		u := order.Uint32(body[i:])
		if u > 0x10FFFF || 0xD800 <= u && u <= 0xDFFF {
			return "", false
		}
		b.WriteRune(rune(u))
	}
	return b.String(), true
}

// unicodeCodecs decode a body as Python's UTF-16 and UTF-32 codecs of those names do; false
// where Python raises UnicodeDecodeError.
var unicodeCodecs = map[string]func(body []byte) (string, bool){
	codecUTF16: func(body []byte) (string, bool) {
		rest, order := byteOrderOf(body, bomUTF16LE, bomUTF16BE)
		return decodeUTF16(rest, order)
	},
	codecUTF16LE: func(body []byte) (string, bool) { return decodeUTF16(body, binary.LittleEndian) },
	codecUTF16BE: func(body []byte) (string, bool) { return decodeUTF16(body, binary.BigEndian) },
	codecUTF32: func(body []byte) (string, bool) {
		rest, order := byteOrderOf(body, bomUTF32LE, bomUTF32BE)
		return decodeUTF32(rest, order)
	},
	codecUTF32LE: func(body []byte) (string, bool) { return decodeUTF32(body, binary.LittleEndian) },
	codecUTF32BE: func(body []byte) (string, bool) { return decodeUTF32(body, binary.BigEndian) },
}

// decodeCharmap decodes body with one of Python's single-byte codecs, given by its table
// ([charmapTables]); false where Python raises UnicodeDecodeError (a byte the table maps to
// U+FFFE).
func decodeCharmap(body []byte, table string) (string, bool) {
	chars := []rune(table)
	var b strings.Builder
	b.Grow(len(body))
	for _, c := range body {
		r := chars[c]
		if r == 0xFFFE {
			return "", false
		}
		b.WriteRune(r)
	}
	return b.String(), true
}

// decodeUTF7 decodes body as Python's "utf-7" codec does (RFC 2152, read permissively: every
// ASCII byte but '+' stands for itself); false where Python raises UnicodeDecodeError (a byte
// over 0x7F outside base64, '+' before a byte that is neither '-' nor base64, a base64 run that
// ends with a partial character or non-zero padding bits, or with a high surrogate at the end
// of the body). Python keeps a surrogate without its pair in the text; so does decodeUTF7, in
// [appendPyChar]'s form.
func decodeUTF7(body []byte) (string, bool) {
	var (
		b         []byte
		inBase64  bool
		bits      uint   // bits of buffer not yet decoded
		buffer    uint32 // the last bits read, at most 21
		surrogate rune   // a high surrogate waiting for its pair
	)
	for i := 0; i < len(body); {
		c := body[i]
		if inBase64 {
			if v := base64Value(c); v >= 0 {
				buffer, bits, i = buffer<<6|uint32(v), bits+6, i+1
				if bits < 16 {
					continue
				}
				bits -= 16
				u := rune(buffer >> bits)
				buffer &= 1<<bits - 1
				if surrogate != 0 {
					if 0xDC00 <= u && u <= 0xDFFF { // its pair
						b = appendPyChar(b, utf16.DecodeRune(surrogate, u))
						surrogate = 0
						continue
					}
					b = appendPyChar(b, surrogate)
					surrogate = 0
				}
				if 0xD800 <= u && u < 0xDC00 {
					surrogate = u
				} else {
					b = appendPyChar(b, u)
				}
				continue
			}
			// The run ends at c, which is read again on the next pass unless it is the '-' that
			// closes the run.
			inBase64 = false
			if bits >= 6 || buffer != 0 {
				return "", false
			}
			if surrogate != 0 { // before a byte over 0x7F too, which fails next
				b = appendPyChar(b, surrogate)
			}
			surrogate = 0
			if c == '-' {
				i++
			}
			continue
		}
		switch {
		case c == '+' && i+1 < len(body) && body[i+1] == '-':
			b, i = append(b, '+'), i+2
		case c == '+':
			if i+1 < len(body) && base64Value(body[i+1]) < 0 {
				return "", false
			}
			inBase64, bits, buffer, i = true, 0, 0, i+1
		case c < utf8.RuneSelf:
			b, i = append(b, c), i+1
		default:
			return "", false
		}
	}
	if inBase64 && (surrogate != 0 || bits >= 6 || buffer != 0) {
		return "", false
	}
	return string(b), true
}

// base64Value is the value of a character of the base64 alphabet (RFC 4648 section 4), or -1.
func base64Value(c byte) int {
	switch {
	case 'A' <= c && c <= 'Z':
		return int(c - 'A')
	case 'a' <= c && c <= 'z':
		return int(c-'a') + 26
	case '0' <= c && c <= '9':
		return int(c-'0') + 52
	case c == '+':
		return 62
	case c == '/':
		return 63
	}
	return -1
}

// decodeRawUnicodeEscape decodes body as Python's "raw_unicode_escape" codec does: each byte is
// the Latin-1 character, but a backslash before 'u' and four hex digits, or 'U' and eight
// (at most 10FFFF), stands for that code point, and a backslash before any other byte is kept
// with it (so "\\u" is no escape). False where Python raises UnicodeDecodeError: too few hex
// digits, or a code point out of range. An escaped surrogate is kept as it is (in
// [appendPyChar]'s form), never paired with the next.
func decodeRawUnicodeEscape(body []byte) (string, bool) {
	b := make([]byte, 0, len(body))
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c != '\\' || i+1 == len(body) {
			b = utf8.AppendRune(b, rune(c))
			continue
		}
		i++
		var digits int
		switch body[i] {
		case 'u':
			digits = 4
		case 'U':
			digits = 8
		default:
			b = append(b, '\\')
			b = utf8.AppendRune(b, rune(body[i]))
			continue
		}
		var u uint32
		for range digits {
			i++
			if i == len(body) || query.HexDigit(body[i]) < 0 {
				return "", false
			}
			u = u<<4 | uint32(query.HexDigit(body[i]))
		}
		if u > unicode.MaxRune {
			return "", false
		}
		b = appendPyChar(b, rune(u))
	}
	return string(b), true
}

// appendPyChar appends a character of a Python text to b in UTF-8, and a surrogate, which
// Python text may hold alone and UTF-8 may not, in the three bytes UTF-8 would give it, were it
// allowed: not valid UTF-8, which is how the JSON parser that reads the text finds it.
func appendPyChar(b []byte, r rune) []byte {
	if 0xD800 <= r && r <= 0xDFFF {
		return append(b, byte(0xE0|r>>12), byte(0x80|r>>6&0x3F), byte(0x80|r&0x3F))
	}
	return utf8.AppendRune(b, r)
}
