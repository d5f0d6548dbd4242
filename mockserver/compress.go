package mockserver

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"hash/maphash"
	"io"
	"net/http"
	"strings"
	"sync"
)

// authentik's Go router compresses what it carries (its web.NewCompressHandler, which is
// gorilla/handlers v1.5.2's CompressHandler at the default level): every answer, compressed or
// not, names Accept-Encoding in Vary, and the answer to a client that accepts gzip or deflate
// is compressed with it. The router's own redirect of a path that is not clean comes before
// that middleware and carries neither; so do akmock's own routes.

// behindRouter runs h as authentik's Go router carries a request to Django, deciding how the
// answer is compressed ([routerCoding]).
func behindRouter(h handlerFunc) handlerFunc {
	return func(c *call) (response, error) {
		c.routed, c.coding = true, routerCoding(c.r)
		return h(c)
	}
}

// routerCoding returns the content coding authentik's router compresses r's answer with: the
// first element of the (first) Accept-Encoding header that is exactly "gzip" or "deflate" once
// the spaces around it are trimmed, so that a quality value makes an element count for nothing
// ("gzip;q=1" is not gzip, nor "*"); "" for none, and for a request that asks to upgrade its
// connection.
func routerCoding(r *http.Request) string {
	accepted := r.Header.Get("Accept-Encoding")
	if accepted == "" {
		return ""
	}
	for element := range strings.SplitSeq(accepted, ",") {
		if coding := strings.TrimSpace(element); coding == "gzip" || coding == "deflate" {
			if r.Header.Get("Upgrade") != "" {
				return ""
			}
			return coding
		}
	}
	return ""
}

// setRouterHeaders sets the headers the router's compression adds to an answer it carries:
// Vary, and Content-Encoding when it compresses with coding.
func setRouterHeaders(h http.Header, coding string) {
	h["Vary"] = varyAcceptEncoding
	if coding != "" {
		h["Content-Encoding"] = contentEncoding[coding]
	}
}

// varyAcceptEncoding is the Vary header the router adds to every answer it carries.
var varyAcceptEncoding = []string{"Accept-Encoding"}

// contentEncoding holds the Content-Encoding header of each coding.
var contentEncoding = map[string][]string{"gzip": {"gzip"}, "deflate": {"deflate"}}

// netHTTPBuffer is how much of a body net/http's server holds before it sends the headers
// (its bufferBeforeChunkingSize): a handler that writes no more than this and sets no
// Content-Length gets one computed, a longer body is sent chunked. The router's compressed
// answers are framed so, since the compressor drops Django's Content-Length.
const netHTTPBuffer = 2048

// compressor is a gzip or deflate writer that can be used again.
type compressor interface {
	io.WriteCloser
	Flush() error
	Reset(io.Writer)
}

// compressors keeps writers of each coding at the router's level (a writer holds about a
// megabyte of tables, too much to make for every answer).
var compressors = map[string]*sync.Pool{
	"gzip": {New: func() any {
		w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression) // a valid level: no error
		return w
	}},
	"deflate": {New: func() any {
		w, _ := flate.NewWriter(nil, flate.DefaultCompression) // a valid level: no error
		return w
	}},
}

// compressTo writes what write writes to w, compressed with coding, and returns write's error
// or the compressor's.
func compressTo(w io.Writer, coding string, write bodyWriter) error {
	pool := compressors[coding]
	cw := pool.Get().(compressor)
	defer pool.Put(cw)
	cw.Reset(w)
	if err := write(cw); err != nil {
		return err
	}
	return cw.Close()
}

// compressed returns the response with its body compressed with coding, as the router sends
// it: a built body compressed at once (or found compressed in cache), a body not built as it is
// written. Django answers HEAD without a body, so the router compresses nothing then: what it
// sends is the empty stream.
func (resp response) compressed(cache *codedBodies, coding string, head bool) response {
	if head {
		resp.body, resp.unbuilt, resp.unbuiltLen = cache.compress(nil, coding), nil, 0
		return resp
	}
	if resp.unbuilt == nil {
		resp.body = cache.compress(resp.body, coding)
		return resp
	}
	write := resp.writeBody // bound to the response as it is now
	resp.unbuilt = func(w io.Writer) error { return compressTo(w, coding, write) }
	resp.unbuiltLen = -1 // not known before it is written
	return resp
}

// flushAtOnce ends an empty answer to which Django gave no length, after its headers, as it
// reaches authentik's clients: uvicorn sends it chunked, and the router's proxy flushes an answer
// without a length as soon as it starts to copy it, before the (empty) copy ends. So net/http
// sends the headers at once, chunked; compressed, the compressor flushes first, so its header
// and an empty sync block make the first chunk and its end the second. (For HEAD the proxy's
// flush races with the end of its empty copy, and the end mostly wins: HEAD is answered as any
// other, with the empty stream's length when compressed.)
func flushAtOnce(w http.ResponseWriter, coding string) {
	flush := http.NewResponseController(w).Flush
	if coding == "" {
		_ = flush() // an error is the connection's
		return
	}
	_ = compressTo(w, coding, func(cw io.Writer) error { // closed after: the stream always ends
		_ = cw.(compressor).Flush()
		_ = flush() // a writer that cannot flush (a wrapper without Unwrap) sends it with a length
		return nil
	})
}

// codedBodies keeps the compressed forms of the bodies answered lately, by content: compressing
// costs far more than finding (a retrieve's kilobyte about 30 µs, a list page of 100 stages
// about a millisecond, against a hash and a comparison), and clients that accept gzip ask for
// the same stages and pages again and again. It holds at most [maxCodedBytes], bodies
// included, each its own copy (a stored stage's bytes share a block with thousands of others,
// which a reference would keep alive after the data is replaced), keeps no body over a
// sixteenth of that (a page too large would empty it for every other), and starts over when
// full.
type codedBodies struct {
	seed  maphash.Seed
	mu    sync.RWMutex
	forms map[codedKey]codedForm
	bytes int
}

// codedKey identifies a body compressed with a coding; bodies with the same key are compared
// whole before one's compressed form stands for another's.
type codedKey struct {
	sum    uint64
	coding string
}

// codedForm is a body and its compressed form. Bodies are never modified once answered.
type codedForm struct{ plain, coded []byte }

// maxCodedBytes bounds what [codedBodies] holds.
const maxCodedBytes = 4 << 20

// newCodedBodies returns an empty cache.
func newCodedBodies() *codedBodies { return &codedBodies{seed: maphash.MakeSeed()} }

// compress returns body compressed with coding.
func (cb *codedBodies) compress(body []byte, coding string) []byte {
	key := codedKey{maphash.Bytes(cb.seed, body), coding}
	cb.mu.RLock()
	form, ok := cb.forms[key]
	cb.mu.RUnlock()
	if ok && bytes.Equal(form.plain, body) {
		return form.coded
	}
	var b bytes.Buffer
	_ = compressTo(&b, coding, func(w io.Writer) error { // a bytes.Buffer fails nothing
		_, err := w.Write(body)
		return err
	})
	coded := b.Bytes()
	size := len(body) + cap(coded)
	if size > maxCodedBytes/16 {
		return coded
	}
	cb.mu.Lock()
	if cb.forms == nil || cb.bytes+size > maxCodedBytes {
		cb.forms, cb.bytes = map[codedKey]codedForm{}, 0
	}
	if _, ok := cb.forms[key]; !ok {
		cb.forms[key] = codedForm{bytes.Clone(body), coded}
		cb.bytes += size
	}
	cb.mu.Unlock()
	return coded
}
