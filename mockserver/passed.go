package mockserver

import "sync"

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
