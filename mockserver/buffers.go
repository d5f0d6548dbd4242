package mockserver

import "sync"

// bodyPool recycles the buffers list pages are written into: a page of 100 stages is about
// 60 KB, and allocating it per request dominates the garbage collector's work under load.
var bodyPool = sync.Pool{New: func() any { return new([]byte) }}

// maxPooledBody is the largest buffer kept for reuse; larger pages are rare and left to the GC.
const maxPooledBody = 1 << 20

// getBuffer returns an empty buffer with room for size bytes.
func getBuffer(size int) []byte {
	b := *bodyPool.Get().(*[]byte)
	if cap(b) < size {
		return make([]byte, 0, size)
	}
	return b[:0]
}

// putBuffer gives a buffer back once its bytes have been written.
func putBuffer(b []byte) {
	if cap(b) > maxPooledBody {
		return
	}
	bodyPool.Put(&b)
}

// passed remembers small JSON bodies that passed their schema (pagination objects: a few hundred
// distinct ones in practice), so the same bytes are not checked again. It is bounded: when full
// it starts over.
type passed struct {
	mu sync.RWMutex
	m  map[string]struct{}
}

// maxPassed bounds the bodies [passed] remembers.
const maxPassed = 4096

func (p *passed) has(b []byte) bool {
	p.mu.RLock()
	_, ok := p.m[string(b)]
	p.mu.RUnlock()
	return ok
}

func (p *passed) add(b []byte) {
	p.mu.Lock()
	if p.m == nil || len(p.m) >= maxPassed {
		p.m = make(map[string]struct{}, 64)
	}
	p.m[string(b)] = struct{}{}
	p.mu.Unlock()
}
