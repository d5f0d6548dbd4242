package collate

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustLookup(t testing.TB, name string) Collation {
	t.Helper()
	c, err := Lookup(name)
	require.NoError(t, err)
	return c
}

func sign(n int) int { return min(max(n, -1), 1) }

// TestEnUSPairs checks the key against glibc's own strcoll on the pairs gen_pairs.py recorded:
// the collation keys compare as strcoll does, and the full keys as PostgreSQL orders (strcoll,
// then byte order where strcoll ties).
func TestEnUSPairs(t *testing.T) {
	c := mustLookup(t, "en_US")
	f, err := os.Open("testdata/en_US-pairs.jsonl.gz")
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<20) // the pairs of 70,000 ideographs
	pairs, ties, failed := 0, 0, 0
	for sc.Scan() {
		var p struct {
			A, B    string
			Strcoll int
		}
		var row []json.RawMessage
		require.NoError(t, json.Unmarshal(sc.Bytes(), &row))
		require.Len(t, row, 3)
		require.NoError(t, json.Unmarshal(row[0], &p.A))
		require.NoError(t, json.Unmarshal(row[1], &p.B))
		require.NoError(t, json.Unmarshal(row[2], &p.Strcoll))
		pairs++
		got := sign(strings.Compare(string(c.table.appendKey(nil, p.A)), string(c.table.appendKey(nil, p.B))))
		want := p.Strcoll
		if want == 0 {
			ties++
			want = strings.Compare(p.A, p.B)
		}
		full := strings.Compare(c.Key(p.A), c.Key(p.B))
		if got != p.Strcoll || full != want {
			failed++
			if failed <= 10 {
				t.Errorf("%q vs %q: strcoll %d, key %d; PostgreSQL %d, full key %d", p.A, p.B, p.Strcoll, got, want, full)
			}
		}
	}
	require.NoError(t, sc.Err())
	require.Greater(t, pairs, 10000)
	require.Greater(t, ties, 100, "the pairs must hold texts glibc finds equal")
	assert.Zero(t, failed, "of %d pairs", pairs)
}

// TestEnUSOrder shows the order on familiar names (checked with glibc's strcoll): letters and
// digits first, then accents, then case, while spaces and punctuation only break the ties left;
// and PostgreSQL's byte order where glibc finds two texts equal (two private-use characters,
// which the locale does not list).
func TestEnUSOrder(t *testing.T) {
	want := []string{"", "a", "aerø", "Ærø", "alpha", "Alpha", "alpha beta", "alphabeta", "beta", "Beta",
		"beta-2", "beta2", "co-op", "co_op", "coop", "Coop", "ecl", "eclair", "Éclair", "strasse", "Strasse",
		"straße", "v10", "v1.2", "v2", "x\ue000", "x\ue001", "z"}
	c := mustLookup(t, "en_US")
	got := slices.Clone(want)
	slices.Reverse(got)
	slices.SortFunc(got, func(a, b string) int { return strings.Compare(c.Key(a), c.Key(b)) })
	assert.Equal(t, want, got)
	assert.Equal(t, string(c.table.appendKey(nil, "x\ue000")), string(c.table.appendKey(nil, "x\ue001")),
		"glibc weighs unlisted characters by their length only")
}

// TestKeyNotUTF8 checks that bytes that are not UTF-8 (which akmock's data never holds) are
// weighed as glibc weighs them, one byte at a time, instead of as U+FFFD.
func TestKeyNotUTF8(t *testing.T) {
	c := mustLookup(t, "en_US")
	assert.Equal(t, string(c.table.appendKey(nil, "a\ue000")), string(c.table.appendKey(nil, "a\xff\xfe\xfd")))
	assert.NotEqual(t, string(c.table.appendKey(nil, "a\ufffd")), string(c.table.appendKey(nil, "a\xff")))
}

func TestC(t *testing.T) {
	for _, name := range []string{"C", "POSIX"} {
		c := mustLookup(t, name)
		assert.Equal(t, "C", c.String())
		assert.Equal(t, "Beta-2", c.Key("Beta-2"))
	}
	assert.Equal(t, "C", Collation{}.String(), "the zero value")
	assert.Equal(t, "é", Collation{}.Key("é"))
}

func TestLookup(t *testing.T) {
	for _, name := range []string{"en_US", "en_US.UTF-8", "en_US.utf8"} {
		assert.Equal(t, "en_US", mustLookup(t, name).String(), name)
	}
	for _, name := range []string{"", "c", "en_GB", "en_US.ISO-8859-1", "und-x-icu"} {
		_, err := Lookup(name)
		assert.EqualError(t, err, `unknown collation "`+name+`"; known: C, en_US`, name)
	}
}

func TestLoadTableRefuses(t *testing.T) {
	for _, tc := range []struct{ name, table, err string }{
		{"fields", "41\tf\t01\n", `collation table line 1: malformed: "41\tf\t01"`},
		{"section", "41\tx\t\t\t\t\n", `collation table line 1: malformed: "41\tx\t\t\t\t"`},
		{"weight", "41\tf\tzz\t\t\t\n", `collation table line 1: weight "zz": malformed`},
		{"code point", "41\tf\t\t\t\t\n110000\tf\t\t\t\t\n", `collation table line 2: code point "110000": malformed`},
		{"contraction head", "41+42\tf\t\t\t\t\n", `collation table: contraction starting with U+0041, which it does not list`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadTable(gzipped(t, tc.table))
			assert.EqualError(t, err, tc.err)
		})
	}
	_, err := loadTable([]byte("not gzip"))
	assert.Error(t, err)
}

func gzipped(t *testing.T, s string) []byte {
	var b strings.Builder
	zw := gzip.NewWriter(&b)
	_, err := zw.Write([]byte(s))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	return []byte(b.String())
}

func BenchmarkKey(b *testing.B) {
	c := mustLookup(b, "en_US")
	names := []string{"default-authentication-login", "Écran de connexion (SSO)", "stage_42 – naïve", "ログイン"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.Key(names[i%len(names)])
	}
}

// FuzzKey: any bytes get a key without a panic (a run of <SPECIAL> characters reads back past
// its start, so the reading must stay inside the text); the key is the collation's part, a 0x00
// and the text; and comparing two keys is comparing their collation parts, then, where those
// are equal, the texts (the 0x00 never decides against the parts, whatever they hold).
func FuzzKey(f *testing.F) {
	for _, s := range [][2]string{{"", "a"}, {"a1-b", "a-1b"}, {"(終ٌ%", "終(ٌ%"}, {"혆®ฐᆶ欜1", "혆®ฐᆶ欜1{"},
		{"l·l", "ll"}, {"\u0e40\u0e01", "\u0e01\u0e40"}, {"\xff\xfe", "\ue000"}, {"-+-+-+a", "\u200b-\u200b-x"}} {
		f.Add(s[0], s[1])
	}
	c, err := Lookup("en_US")
	require.NoError(f, err)
	f.Fuzz(func(t *testing.T, a, b string) {
		ka, kb := c.Key(a), c.Key(b)
		collA, ok := strings.CutSuffix(ka, "\x00"+a)
		require.True(t, ok, "key %q of %q does not end with the text", ka, a)
		collB, ok := strings.CutSuffix(kb, "\x00"+b)
		require.True(t, ok, "key %q of %q does not end with the text", kb, b)
		want := strings.Compare(collA, collB)
		if want == 0 {
			want = strings.Compare(a, b)
		}
		require.Equal(t, want, strings.Compare(ka, kb), "%q vs %q", a, b)
	})
}

// BenchmarkLoadTable is what --collation en_US adds to start-up: reading the embedded table.
func BenchmarkLoadTable(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := loadTable(enUSTable); err != nil {
			b.Fatal(err)
		}
	}
}
