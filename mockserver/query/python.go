package query

import (
	"math"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

// PyIsSpace reports whether Python's str.isspace() is true for r.
//
// The set is Unicode White_Space as Python defines it (bidirectional class
// WS, B or S, or category Zs), which adds the ASCII information separators
// U+001C..U+001F to what Go's unicode.IsSpace accepts. The same set is what
// Python's re module matches with \s in a str pattern.
func PyIsSpace(r rune) bool {
	switch {
	case r <= 0x20:
		return r == ' ' || (r >= '\t' && r <= '\r') || (r >= 0x1c && r <= 0x1f)
	case r < 0x85:
		return false
	case r == 0x85, r == 0xa0, r == 0x1680:
		return true
	case r < 0x2000:
		return false
	case r <= 0x200a, r == 0x2028, r == 0x2029, r == 0x202f, r == 0x205f, r == 0x3000:
		return true
	}
	return false
}

// PyStrip removes leading and trailing characters that Python's str.strip()
// removes (str.isspace: Unicode White_Space plus U+001C..U+001F).
//
// Bytes that are not valid UTF-8 are never stripped.
func PyStrip(s string) string {
	start := 0
	for start < len(s) {
		c := s[start]
		if c < utf8.RuneSelf {
			if !PyIsSpace(rune(c)) {
				break
			}
			start++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[start:])
		if !PyIsSpace(r) {
			break
		}
		start += size
	}
	end := len(s)
	for end > start {
		c := s[end-1]
		if c < utf8.RuneSelf {
			if !PyIsSpace(rune(c)) {
				break
			}
			end--
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[start:end])
		if !PyIsSpace(r) {
			break
		}
		end -= size
	}
	return s[start:end]
}

// pyMaxStrDigits is CPython's default sys.get_int_max_str_digits(): int()
// refuses a decimal string with more digits than this (leading zeros count,
// underscores do not).
const pyMaxStrDigits = 4300

// decimalValue returns the value of r as a Unicode decimal digit (general
// category Nd, which is exactly the set Python's str.isdecimal accepts), or
// -1. Every Nd character belongs to a contiguous run of ten code points
// holding the values 0..9 in order, and Go's table merges adjacent runs, so
// the value is the distance from the start of its range modulo ten.
func decimalValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x660 {
		return -1
	}
	if r <= 0xffff {
		for _, rg := range unicode.Nd.R16 {
			if uint16(r) < rg.Lo {
				return -1
			}
			if uint16(r) <= rg.Hi {
				return int(uint16(r)-rg.Lo) % 10
			}
		}
	}
	for _, rg := range unicode.Nd.R32 {
		if uint32(r) < rg.Lo {
			return -1
		}
		if uint32(r) <= rg.Hi {
			return int(uint32(r)-rg.Lo) % 10
		}
	}
	return -1
}

// pyIntScanner walks a string the way CPython's int(str, base) sees it:
// PyLong_FromUnicodeObject first maps every character below U+007F to itself,
// every other whitespace character to ' ' and every other decimal digit to
// its ASCII digit, and cuts the string at the first character it cannot map.
// Only the ASCII whitespace " \t\n\v\f\r" is then skipped around the number,
// so U+001C..U+001F (str.isspace, but ASCII) are not whitespace for int().
type pyIntScanner struct {
	s string
	i int
	// skipHyphens makes the scanner step over '-' as if it had been removed
	// from the string (uuid.UUID removes every '-' before calling int).
	skipHyphens bool
}

// unmappable is what the scanner yields for a character int() cannot map;
// it is never a digit, sign, underscore or whitespace.
const unmappable = '?'

// peek returns the mapped ASCII form of the next character and its size in
// bytes; at the end of the string it returns (0, 0).
func (p *pyIntScanner) peek() (byte, int) {
	if p.skipHyphens {
		for p.i < len(p.s) && p.s[p.i] == '-' {
			p.i++
		}
	}
	if p.i >= len(p.s) {
		return 0, 0
	}
	c := p.s[p.i]
	if c < 0x7f {
		return c, 1
	}
	r, size := utf8.DecodeRuneInString(p.s[p.i:])
	if r == utf8.RuneError && size == 1 {
		return unmappable, 1
	}
	if PyIsSpace(r) {
		return ' ', size
	}
	if d := decimalValue(r); d >= 0 {
		return byte('0' + d), size
	}
	return unmappable, size
}

// skipSpace skips the characters int() treats as surrounding whitespace.
func (p *pyIntScanner) skipSpace() {
	for {
		c, size := p.peek()
		if size == 0 || !(c == ' ' || (c >= '\t' && c <= '\r')) {
			return
		}
		p.i += size
	}
}

// sign consumes an optional '+' or '-' and reports whether it was '-'.
func (p *pyIntScanner) sign() bool {
	c, size := p.peek()
	if size != 0 && (c == '+' || c == '-') {
		p.i += size
		return c == '-'
	}
	return false
}

// digits consumes digits of the given base with single underscores between
// them, calling add for each digit value. It reports the number of digits and
// whether the run was well formed (at least one digit, no leading, doubled or
// trailing underscore). CPython stops at the first character that is neither
// a digit nor '_'; everything after that must be whitespace.
func (p *pyIntScanner) digits(base int, add func(d int)) (n int, ok bool) {
	prevUnderscore := true // a leading underscore is an error
	for {
		c, size := p.peek()
		if size == 0 {
			break
		}
		if c == '_' {
			if prevUnderscore {
				return n, false
			}
			prevUnderscore = true
			p.i += size
			continue
		}
		d := HexDigit(c)
		if d < 0 || d >= base {
			break
		}
		add(d)
		n++
		prevUnderscore = false
		p.i += size
	}
	return n, n > 0 && !prevUnderscore
}

// atEndAfterSpace skips trailing whitespace and reports whether nothing else
// follows.
func (p *pyIntScanner) atEndAfterSpace() bool {
	p.skipSpace()
	return p.i >= len(p.s)
}

// HexDigit returns the value of an ASCII hexadecimal digit (either case), or -1.
func HexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// PyInt parses s as Python's int(s) (base 10) does: surrounding whitespace,
// one optional sign, ASCII or any Unicode decimal digits (category Nd, e.g.
// Arabic-Indic '٣' or full-width '２'), single underscores between digits
// ('1_0' is 10; '_1', '1__0', '1_' fail). Values beyond int64 saturate (ok
// stays true).
//
// Details that follow CPython 3.13 rather than intuition:
//   - the surrounding whitespace is ASCII " \t\n\v\f\r" plus every non-ASCII
//     str.isspace character (U+0085, U+00A0, U+3000, ...); the ASCII
//     separators U+001C..U+001F are str.isspace but int() rejects them;
//   - more than 4300 digits (sys.int_max_str_digits; leading zeros count)
//     make int() raise ValueError, so ok is false.
func PyInt(s string) (n int64, ok bool) {
	p := pyIntScanner{s: s}
	p.skipSpace()
	neg := p.sign()
	var mag uint64
	overflow := false
	count, ok := p.digits(10, func(d int) {
		if overflow {
			return
		}
		if mag > (math.MaxUint64-uint64(d))/10 {
			overflow = true
			return
		}
		mag = mag*10 + uint64(d)
	})
	if !ok || count > pyMaxStrDigits || !p.atEndAfterSpace() {
		return 0, false
	}
	switch {
	case neg && (overflow || mag > 1<<63):
		return math.MinInt64, true
	case neg:
		return -int64(mag), true
	case overflow || mag > math.MaxInt64:
		return math.MaxInt64, true
	}
	return int64(mag), true
}

// PyBigInt parses s as [PyInt] does, without saturating: the value Python's int(s) has.
func PyBigInt(s string) (*big.Int, bool) {
	p := pyIntScanner{s: s}
	p.skipSpace()
	neg := p.sign()
	var digits []byte
	count, ok := p.digits(10, func(d int) { digits = append(digits, byte('0'+d)) })
	if !ok || count > pyMaxStrDigits || !p.atEndAfterSpace() {
		return nil, false
	}
	n, _ := new(big.Int).SetString(string(digits), 10) // ok holds at least one digit
	if neg {
		n.Neg(n)
	}
	return n, true
}

// PyUUID parses s as Python's uuid.UUID(hex=s) does, returning the canonical
// lower-case hyphenated form.
//
// uuid.UUID removes every "urn:" and then every "uuid:", strips '{' and '}'
// from both ends, removes every '-', requires exactly 32 characters and
// parses them with int(..., 16). So whitespace around the digits (the set
// PyInt skips), a '+' sign, a "0x" prefix (with one optional '_' after it),
// single underscores between digits and Unicode decimal digits are all
// accepted as long as the character count is 32; a value parsed from 32
// characters is always below 2**128 and, with every '-' removed, never
// negative.
func PyUUID(s string) (string, bool) {
	if isCanonicalUUID(s) { // what clients send nearly always: nothing to strip or rebuild
		return s, true
	}
	if strings.Contains(s, "urn:") {
		s = strings.ReplaceAll(s, "urn:", "")
	}
	if strings.Contains(s, "uuid:") {
		s = strings.ReplaceAll(s, "uuid:", "")
	}
	s = strings.Trim(s, "{}")
	if u, ok := plainUUID(s); ok {
		return u, true
	}
	if utf8.RuneCountInString(s)-strings.Count(s, "-") != 32 {
		return "", false
	}
	p := pyIntScanner{s: s, skipHyphens: true}
	p.skipSpace()
	p.sign() // '-' cannot survive the removal above; '+' is allowed
	if c, size := p.peek(); size != 0 && c == '0' {
		save := p.i
		p.i += size
		if c2, size2 := p.peek(); size2 != 0 && (c2 == 'x' || c2 == 'X') {
			p.i += size2
			if c3, size3 := p.peek(); size3 != 0 && c3 == '_' {
				p.i += size3
			}
			// The prefix is consumed; a following '_' is now an error,
			// which digits reports as a leading underscore.
		} else {
			p.i = save
		}
	}
	var hi, lo uint64
	_, ok := p.digits(16, func(d int) {
		hi = hi<<4 | lo>>60
		lo = lo<<4 | uint64(d)
	})
	if !ok || !p.atEndAfterSpace() {
		return "", false
	}
	return formatUUID(hi, lo), true
}

// plainUUID is the fast path of PyUUID for the usual input: exactly 32 ASCII
// hexadecimal digits and any number of '-'. Such a string is always valid.
func plainUUID(s string) (string, bool) {
	var b [36]byte
	n, pos := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '-' {
			continue
		}
		if HexDigit(c) < 0 || n == 32 {
			return "", false
		}
		if n == 8 || n == 12 || n == 16 || n == 20 {
			b[pos] = '-'
			pos++
		}
		if c >= 'A' && c <= 'F' {
			c += 'a' - 'A'
		}
		b[pos] = c
		pos++
		n++
	}
	if n != 32 {
		return "", false
	}
	return string(b[:]), true
}

// isCanonicalUUID reports whether s is already in the form plainUUID returns: lower-case hex
// digits in groups of 8-4-4-4-12.
func isCanonicalUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch c := s[i]; i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
				return false
			}
		}
	}
	return true
}

// formatUUID renders a 128-bit value as 8-4-4-4-12 lower-case hex digits.
func formatUUID(hi, lo uint64) string {
	const hexdigits = "0123456789abcdef"
	var b [36]byte
	pos := 35
	for i := 0; i < 32; i++ {
		if pos == 8 || pos == 13 || pos == 18 || pos == 23 {
			b[pos] = '-'
			pos--
		}
		b[pos] = hexdigits[lo&0xf]
		pos--
		lo = lo>>4 | hi<<60
		hi >>= 4
	}
	return string(b[:])
}
