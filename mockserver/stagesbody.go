package mockserver

import (
	"bufio"
	"bytes"
	"io"

	"akmock/fixtures/pyjson"
	"akmock/mockserver/store"
)

// maxBuiltBody bounds the bodies made of stored stages that are built in memory. A longer one (a
// list page of thousands of stages, since page_size is not capped, or the export of a large data
// set) is written from its parts as it is sent: a page of 100,000 stages is 118 MB, and clients
// asking for it at once would each have held a copy. It is the most a version keeps of list
// pages, so every page that could be kept is built.
const maxBuiltBody = store.MaxPageBytes

// unbuiltBuffer is the buffer a body not built is written through: net/http buffers 2 KiB per
// response and 4 KiB per connection, so a long body written stage by stage would take a system
// call every few stages.
const unbuiltBuffer = 64 << 10

// bodyWriter writes a body made of stored stages from its parts, and returns the first error
// the writer gives.
type bodyWriter func(w io.Writer) error

// buildShort returns the body write writes, built, and its length; the body is nil when it is
// longer than maxBuiltBody.
func buildShort(write bodyWriter) ([]byte, int) {
	var n byteCounter
	_ = write(&n) // counting fails nothing
	if int(n) > maxBuiltBody {
		return nil, int(n)
	}
	return build(int(n), write), int(n)
}

// build returns what write writes, n bytes, in one allocation.
func build(n int, write bodyWriter) []byte {
	b := bytes.NewBuffer(make([]byte, 0, n))
	_ = write(b) // a bytes.Buffer fails nothing
	return b.Bytes()
}

// byteCounter is an io.Writer that counts what it is given.
type byteCounter int

func (c *byteCounter) Write(p []byte) (int, error) {
	*c += byteCounter(len(p))
	return len(p), nil
}

func (c *byteCounter) WriteString(s string) (int, error) {
	*c += byteCounter(len(s))
	return len(s), nil
}

// setStagesBody gives a response made of stored stages the body write writes: built, or, past
// maxBuiltBody, left for [response.writeBody] to write as it is sent.
func (resp *response) setStagesBody(write bodyWriter) {
	var n int
	resp.body, n = buildShort(write)
	if resp.body == nil {
		resp.unbuilt, resp.unbuiltLen = write, n
	}
}

// bodyLen is the length of the body [response.writeBody] writes.
func (resp response) bodyLen() int {
	if resp.unbuilt != nil {
		return resp.unbuiltLen
	}
	return len(resp.body)
}

// writeBody writes the response's body: its bytes, or a body not built, from its parts, and
// returns the first write error, the connection's (the client has gone): the rest is not
// written, and the client gets less than the Content-Length announced.
func (resp response) writeBody(w io.Writer) error {
	if resp.unbuilt == nil {
		_, err := w.Write(resp.body)
		return err
	}
	bw := bufio.NewWriterSize(w, unbuiltBuffer)
	if err := resp.unbuilt(bw); err != nil {
		return err
	}
	return bw.Flush()
}

// indented returns the response with its body laid out as drf-orjson-renderer's indented
// answers are (orjson's OPT_INDENT_2): a built body at once, a body not built as it is written,
// so that a long page asked for indented is not built either (its laid-out length is counted
// first, for Content-Length).
func (resp response) indented() response {
	if resp.unbuilt == nil {
		resp.body = pyjson.AppendIndented(nil, resp.body)
		return resp
	}
	compact := resp.unbuilt
	resp.unbuilt = func(w io.Writer) error {
		iw := pyjson.NewIndentWriter(w)
		if err := compact(iw); err != nil {
			return err
		}
		return iw.Close()
	}
	var n byteCounter
	_ = resp.unbuilt(&n) // counting fails nothing
	resp.unbuiltLen = int(n)
	return resp
}
