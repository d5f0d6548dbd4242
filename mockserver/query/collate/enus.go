package collate

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// The weights of glibc 2.36's en_US.UTF-8 collation, made by gen_en_us.py from glibc's own
// strxfrm and the locale's source (its doc comment says how).
//
//go:embed en_US.tsv.gz
var enUSTable []byte

// levels is how many weights each element has: glibc's en_US compares four levels (base
// letters, accents, case, and the rest), each only where the ones before tie.
const levels = 4

// An element is what the collation weighs: a character, a contraction of a few characters
// (Catalan l·l, Thai prevowel and consonant, …), or one byte of a character the table does not
// list.
type element struct {
	weights uint32        // where its weights start in table.weights
	lens    [levels]uint8 // the length of each level's weight (0: the element does not count there)
	special bool          // in the <SPECIAL> section (punctuation, symbols, digits, marks): backward at level 2
	head    bool          // a contraction starts with this character
}

// table is a collation's elements, found by code point.
type table struct {
	pages        []uint16 // by code point / 256: the page's block in cells + 1 (0: nothing on it)
	cells        []uint32 // blocks of 256: the code point's element + 1 (0: not listed)
	elements     []element
	weights      []byte
	contractions map[rune][]contraction // by first character, longest first
	unlisted     uint32                 // the element of each byte of an unlisted character
}

// contraction is a sequence of characters weighed as one element.
type contraction struct {
	rest    string // the characters after the first, in UTF-8
	element uint32
}

// enUS loads the table once.
var enUS = sync.OnceValues(func() (*table, error) { return loadTable(enUSTable) })

// loadTable reads a table written by gen_en_us.py.
func loadTable(gz []byte) (*table, error) {
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	t := &table{pages: make([]uint16, (utf8.MaxRune+1)/256), contractions: map[rune][]contraction{}}
	sc := bufio.NewScanner(zr)
	for n := 1; sc.Scan(); n++ {
		if err := t.addLine(sc.Text()); err != nil {
			return nil, fmt.Errorf("collation table line %d: %w", n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	for first, cs := range t.contractions {
		e, ok := t.lookup(first)
		if !ok {
			return nil, fmt.Errorf("collation table: contraction starting with U+%04X, which it does not list", first)
		}
		t.elements[e].head = true
		// Longest first, so that the longest match wins.
		for i := 1; i < len(cs); i++ {
			for j := i; j > 0 && len(cs[j].rest) > len(cs[j-1].rest); j-- {
				cs[j], cs[j-1] = cs[j-1], cs[j]
			}
		}
	}
	// Each byte of a character the table does not list weighs only at level 4, as the lowest
	// weight there, and is <SPECIAL> (backward at level 2).
	t.unlisted = t.addElement(true, [levels][]byte{nil, nil, nil, {0x03}})
	return t, nil
}

// addLine adds one line: code points in hex joined by "+", "b" (<SPECIAL>) or "f", and the
// four weights in hex.
func (t *table) addLine(line string) error {
	f := strings.Split(line, "\t")
	if len(f) != 2+levels || (f[1] != "b" && f[1] != "f") {
		return fmt.Errorf("malformed: %q", line)
	}
	var w [levels][]byte
	for l := range w {
		b, err := hex.DecodeString(f[2+l])
		if err != nil || len(b) > 255 {
			return fmt.Errorf("weight %q: malformed", f[2+l])
		}
		w[l] = b
	}
	var runes []rune
	for _, h := range strings.Split(f[0], "+") {
		cp, err := strconv.ParseUint(h, 16, 32)
		if err != nil || cp > utf8.MaxRune {
			return fmt.Errorf("code point %q: malformed", h)
		}
		runes = append(runes, rune(cp))
	}
	e := t.addElement(f[1] == "b", w)
	if len(runes) > 1 {
		t.contractions[runes[0]] = append(t.contractions[runes[0]], contraction{rest: string(runes[1:]), element: e})
		return nil
	}
	page := runes[0] / 256
	if t.pages[page] == 0 {
		t.cells = append(t.cells, make([]uint32, 256)...)
		t.pages[page] = uint16(len(t.cells) / 256)
	}
	t.cells[(int(t.pages[page])-1)*256+int(runes[0]%256)] = e + 1
	return nil
}

// addElement appends an element and returns its index.
func (t *table) addElement(special bool, w [levels][]byte) uint32 {
	e := element{weights: uint32(len(t.weights)), special: special}
	for l, b := range w {
		e.lens[l] = uint8(len(b))
		t.weights = append(t.weights, b...)
	}
	t.elements = append(t.elements, e)
	return uint32(len(t.elements) - 1)
}

// lookup finds the element of a listed character.
func (t *table) lookup(r rune) (uint32, bool) {
	page := t.pages[r/256]
	if page == 0 {
		return 0, false
	}
	cell := t.cells[(int(page)-1)*256+int(r%256)]
	return cell - 1, cell != 0
}

// weight is an element's weight at a level.
func (t *table) weight(e uint32, level int) []byte {
	el := &t.elements[e]
	start := int(el.weights)
	for l := range level {
		start += int(el.lens[l])
	}
	return t.weights[start : start+int(el.lens[level])]
}

// split appends the elements of s: at each character the longest contraction that starts
// there, else the character, else (a character the table does not list, or a byte that is
// not UTF-8) one element per byte.
func (t *table) split(els []uint32, s string) []uint32 {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		e, ok := t.lookup(r)
		if !ok || (r == utf8.RuneError && size == 1) {
			for range size {
				els = append(els, t.unlisted)
			}
			i += size
			continue
		}
		i += size
		if t.elements[e].head {
			for _, c := range t.contractions[r] {
				if strings.HasPrefix(s[i:], c.rest) {
					e = c.element
					i += len(c.rest)
					break
				}
			}
		}
		els = append(els, e)
	}
	return els
}

// appendKey appends the collation key of s: each level's weights in the order glibc reads them,
// levels separated by 0x01 (weights never hold 0x00 or 0x01, so a level that is a prefix of
// the other text's sorts first). Level 4 weighs every element with its position: each weight
// is preceded by how many elements were read since the last that weighs there, so an
// element that counts nowhere else still counts where it stands, and followed by 0x01 (some
// level-4 weights begin with another, so each must end where the other text's next one would
// begin). The empty text has the empty key, before every other: glibc puts it first.
func (t *table) appendKey(key []byte, s string) []byte {
	if s == "" {
		return key
	}
	var buf [64]uint32
	els := t.split(buf[:0], s)
	for level := range levels - 1 {
		if level == 1 {
			key = t.appendLevel2(key, els)
		} else {
			for _, e := range els {
				key = append(key, t.weight(e, level)...)
			}
		}
		key = append(key, 0x01)
	}
	read := 0
	for _, e := range els {
		read++
		if w := t.weight(e, levels-1); len(w) > 0 {
			key = append(appendPosition(key, read), w...)
			key = append(key, 0x01)
			read = 0
		}
	}
	return key
}

// appendPosition appends a level-4 position (at least 1) so that byte order is number order
// and the first byte is at least 0x02 (after the text's last weight, [Collation.Key]'s 0x00
// must sort before another weight): 1 to 253 as one byte, 0x02 to 0xFE; larger ones as 0xFF and
// four bytes, big-endian.
func appendPosition(key []byte, n int) []byte {
	if n <= 0xFD {
		return append(key, byte(n+1))
	}
	return append(key, 0xFF, byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
}

// appendLevel2 appends the level-2 weights. <SPECIAL> elements are backward there: a run of
// them is read from its end. glibc 2.36 does not simply reverse such a run, though; what strcoll
// does, found by experiment and pinned by testdata/en_US-pairs.jsonl.gz, is this. Let k be the
// run's length, and d the number of forward elements without a level-2 weight just before it
// (since the last element that weighed there, or since the previous run and the element that
// ended it). Then come:
//   - the run's last element;
//   - the run's first k-1-d elements, last first (k-2-d when a forward element ends the run);
//     the others of the run are skipped;
//   - the forward element that ends the run, if one does.
//
// So "a1-b" reads "-", "b" after "a" ("1" is skipped), where the textbook reversal reads "-",
// "1", "b"; the run "1-" is two <SPECIAL> elements ended by "b".
func (t *table) appendLevel2(key []byte, els []uint32) []byte {
	weightless := 0 // forward elements without a level-2 weight since the last that had one
	for i := 0; i < len(els); {
		if !t.elements[els[i]].special {
			w := t.weight(els[i], 1)
			key = append(key, w...)
			if len(w) > 0 {
				weightless = 0
			} else {
				weightless++
			}
			i++
			continue
		}
		start := i
		for i < len(els) && t.elements[els[i]].special {
			i++
		}
		ended := i < len(els) // by a forward element
		key = append(key, t.weight(els[i-1], 1)...)
		n := i - start - 1 - weightless
		if ended {
			n--
		}
		for j := n - 1; j >= 0; j-- {
			key = append(key, t.weight(els[start+j], 1)...)
		}
		if ended {
			key = append(key, t.weight(els[i], 1)...)
			i++
		}
		weightless = 0
	}
	return key
}
