package mockserver

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"os"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// FuzzUnicodeCodecs: Python's UTF-16 and UTF-32 decoders are strict, so a body decodes only when
// it is the exact encoding of some text: whatever decodes re-encodes to the same bytes (less the
// byte order mark the "utf-16" and "utf-32" codecs read), as valid UTF-8 text. A body that does
// not decode is the parser's unhandled error.
func FuzzUnicodeCodecs(f *testing.F) {
	for _, seed := range []string{"", "{\x00}\x00", "\xff\xfe{\x00", "\xfe\xff\x00{", "\x3d\xd8\x00\xde", "\x00\xdc", "\x00\xd8a\x00",
		"\xff\xfe\x00\x00{\x00\x00\x00", "\x00\x00\xfe\xff\x00\x00\x00{", "\x00\x00\x11\x00", "\x00\xd8\x00\x00", "{\x00\x00"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		for codec, decode := range unicodeCodecs {
			text, ok := decode(body)
			if !ok {
				continue
			}
			if !utf8.ValidString(text) {
				t.Fatalf("%s: %q decodes to invalid UTF-8 %q", codec, body, text)
			}
			rest, order := body, binary.ByteOrder(binary.LittleEndian)
			switch codec {
			case codecUTF16:
				rest, order = byteOrderOf(body, bomUTF16LE, bomUTF16BE)
			case codecUTF32:
				rest, order = byteOrderOf(body, bomUTF32LE, bomUTF32BE)
			case codecUTF16BE, codecUTF32BE:
				order = binary.BigEndian
			}
			var again []byte
			encode := order.(binary.AppendByteOrder)
			switch codec {
			case codecUTF16, codecUTF16LE, codecUTF16BE:
				for _, u := range utf16.Encode([]rune(text)) {
					again = encode.AppendUint16(again, u)
				}
			default:
				for _, r := range text {
					again = encode.AppendUint32(again, uint32(r))
				}
			}
			if !bytes.Equal(again, rest) {
				t.Fatalf("%s: %q decodes to %q, which encodes to %q", codec, body, text, again)
			}
		}
	})
}

// TestCharmapTables: every single-byte codec's table has a character for each of the 256 bytes,
// and no name finds two codecs (the generated aliases and akmock's own do not overlap).
func TestCharmapTables(t *testing.T) {
	require.NotEmpty(t, charmapTables)
	for codec, table := range charmapTables {
		assert.Len(t, []rune(table), 256, codec)
		assert.NotContains(t, pyCodecModules, codec, "a module akmock decodes itself")
	}
	for alias, codec := range charmapAliases {
		assert.NotContains(t, pyCodecAliases, alias)
		assert.Contains(t, charmapTables, codec, "alias %s", alias)
	}
}

// TestAlgorithmicCodecs: bodies decode as Python 3.13's "utf-7" and "raw_unicode_escape" codecs
// decoded them, surrogates without their pair kept, and fail where Python raised
// (testdata/decodes-*.jsonl, made by testdata/gen_decodes.py).
func TestAlgorithmicCodecs(t *testing.T) {
	for codec, decode := range map[string]func([]byte) (string, bool){
		"utf-7":              decodeUTF7,
		"raw_unicode_escape": decodeRawUnicodeEscape,
	} {
		t.Run(codec, func(t *testing.T) {
			f, err := os.Open("testdata/decodes-" + codec + ".jsonl")
			require.NoError(t, err)
			defer f.Close()
			rows := 0
			for lines := bufio.NewScanner(f); lines.Scan(); rows++ {
				var row struct {
					Body string
					Text *string
				}
				require.NoError(t, json.Unmarshal(lines.Bytes(), &row))
				body, err := hex.DecodeString(row.Body)
				require.NoError(t, err)
				text, ok := decode(body)
				if row.Text == nil {
					assert.False(t, ok, "%q decodes to %q; Python raises", body, text)
					continue
				}
				want, err := hex.DecodeString(*row.Text)
				require.NoError(t, err)
				if assert.True(t, ok, "%q: Python decodes it", body) {
					assert.Equal(t, string(want), text, "%q", body)
				}
			}
			assert.Greater(t, rows, 2000)
		})
	}
}
