package mockserver

import (
	"bufio"
	"bytes"
	"io"

	"akmock/mockserver/store"
)

// maxBuiltBody bounds the bodies made of stored stages that are built in memory. A longer one (a
// list page of thousands of stages, since page_size is not capped, or the export of a large data
// set) is written from its parts as it is sent: a page of 100,000 stages is 118 MB, and clients
// asking for it at once would each have held a copy. It is the most a version keeps of list
// pages, so every page that could be kept is built.
const maxBuiltBody = store.MaxPageBytes

// unbuiltBuffer is the buffer a body not built is written through: net/http's own holds 2 KiB,
// so each stage would be about one write to the connection.
const unbuiltBuffer = 64 << 10

// lengthOf returns how many bytes write writes.
func lengthOf(write func(io.Writer)) int {
	var n byteCounter
	write(&n)
	return int(n)
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

// build returns what write writes, n bytes, in one allocation.
func build(n int, write func(io.Writer)) []byte {
	b := bytes.NewBuffer(make([]byte, 0, n))
	write(b)
	return b.Bytes()
}

// setStagesBody gives a response made of stored stages the body write writes: built, or, past
// maxBuiltBody, left for [response.writeBody] to write as it is sent.
func (resp *response) setStagesBody(write func(io.Writer)) {
	n := lengthOf(write)
	if n <= maxBuiltBody {
		resp.body = build(n, write)
		return
	}
	resp.unbuilt, resp.unbuiltLen = write, n
}

// bodyLen is the length of the body [response.writeBody] writes.
func (resp response) bodyLen() int {
	if resp.unbuilt != nil {
		return resp.unbuiltLen
	}
	return len(resp.body)
}

// writeBody writes the response's body: its bytes, or a body not built, from its parts.
func (resp response) writeBody(w io.Writer) {
	if resp.unbuilt == nil {
		w.Write(resp.body)
		return
	}
	bw := bufio.NewWriterSize(w, unbuiltBuffer)
	resp.unbuilt(bw)
	bw.Flush() // an error is the connection's: the client has gone, as for w.Write above
}

// built returns the response with its body built, for what needs the bytes (indentation).
func (resp response) built() response {
	if resp.unbuilt != nil {
		resp.body, resp.unbuilt, resp.unbuiltLen = build(resp.unbuiltLen, resp.unbuilt), nil, 0
	}
	return resp
}
