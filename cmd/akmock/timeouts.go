package main

import (
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// connTimeouts closes connections that stay too long in one phase of HTTP/1.1: a request's
// headers arriving, the request being answered (its body read, the handler run, the answer
// written), or waiting idle for the next request.
//
// It does the job of http.Server's ReadHeaderTimeout, ReadTimeout, WriteTimeout and IdleTimeout
// without their cost: with those, net/http arms four deadlines per request, each a timer update
// and up to three clock readings, about 1 µs of a 17 µs retrieve (BENCHMARKS.md). Here a request
// costs three atomic stores; one sweep a tick reads the clock and closes what has overstayed.
// A phase's start is read from the last sweep's clock, so a limit is kept to within about a tick
// either way.
type connTimeouts struct {
	header  time.Duration // from a connection's start, or the first byte of its next request, to the end of the headers
	request time.Duration // from the end of the headers to the answer written
	idle    time.Duration // between the answer and the first byte of the next request
	tick    time.Duration

	start time.Time
	clock atomic.Int64 // time since start at the last sweep, in nanoseconds

	mu    sync.Mutex
	conns map[*timedConn]struct{}
}

// newConnTimeouts returns timeouts with the given limits, swept every tick once run starts.
func newConnTimeouts(header, request, idle, tick time.Duration) *connTimeouts {
	return &connTimeouts{
		header: header, request: request, idle: idle, tick: tick,
		start: time.Now(), conns: map[*timedConn]struct{}{},
	}
}

// listen wraps ln so that the connections it accepts are watched.
func (t *connTimeouts) listen(ln net.Listener) net.Listener { return &timedListener{ln, t} }

// run sweeps every tick until stop is closed.
func (t *connTimeouts) run(stop <-chan struct{}) {
	ticker := time.NewTicker(t.tick)
	defer ticker.Stop()
	for {
		select {
		case <-ticker.C:
			t.sweep()
		case <-stop:
			return
		}
	}
}

// sweep advances the clock and closes every connection past its phase's limit.
func (t *connTimeouts) sweep() {
	now := int64(time.Since(t.start))
	t.clock.Store(now)
	var expired []*timedConn
	t.mu.Lock()
	for c := range t.conns {
		if p, since := c.phase(); time.Duration(now-since) > t.limit(p) {
			expired = append(expired, c)
		}
	}
	t.mu.Unlock()
	for _, c := range expired {
		c.Close()
	}
}

func (t *connTimeouts) limit(p phase) time.Duration {
	switch p {
	case phaseRequest:
		return t.request
	case phaseIdle:
		return t.idle
	}
	return t.header
}

// connState is the http.Server's ConnState hook: net/http reports a request's headers read
// (StateActive) and its answer written (StateIdle).
func (t *connTimeouts) connState(nc net.Conn, s http.ConnState) {
	c, ok := nc.(*timedConn)
	if !ok {
		return
	}
	switch s {
	case http.StateActive:
		c.enter(phaseRequest)
	case http.StateIdle:
		c.enter(phaseIdle)
	}
}

// phase is where a connection is in its request cycle.
type phase int64

const (
	phaseHeader  phase = iota // a new connection, or bytes of the next request have arrived
	phaseRequest              // headers read, answer not yet written
	phaseIdle                 // answer written, no byte of the next request yet
	phaseCount
)

// timedListener hands out watched connections.
type timedListener struct {
	net.Listener
	t *connTimeouts
}

func (l *timedListener) Accept() (net.Conn, error) {
	nc, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c := &timedConn{Conn: nc, t: l.t}
	c.enter(phaseHeader)
	l.t.mu.Lock()
	l.t.conns[c] = struct{}{}
	l.t.mu.Unlock()
	return c, nil
}

// timedConn is a watched connection.
type timedConn struct {
	net.Conn
	t *connTimeouts
	// mark is the phase and when it began, in one word so that the sweep never pairs a phase
	// with another phase's start: (clock at entry) * phaseCount + phase.
	mark atomic.Int64
}

// markNow is the mark of phase p beginning now (at the last sweep's clock).
func (c *timedConn) markNow(p phase) int64 { return c.t.clock.Load()*int64(phaseCount) + int64(p) }

// unmark splits a mark into its phase and the clock at which that phase began.
func unmark(m int64) (p phase, since int64) {
	return phase(m % int64(phaseCount)), m / int64(phaseCount)
}

func (c *timedConn) enter(p phase) { c.mark.Store(c.markNow(p)) }

func (c *timedConn) phase() (p phase, since int64) { return unmark(c.mark.Load()) }

// Read notes the first byte of the next request on an idle connection.
func (c *timedConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	if n > 0 {
		m := c.mark.Load()
		if p, _ := unmark(m); p == phaseIdle {
			c.mark.CompareAndSwap(m, c.markNow(phaseHeader))
		}
	}
	return n, err
}

// Close stops watching the connection and closes it.
func (c *timedConn) Close() error {
	c.t.mu.Lock()
	delete(c.t.conns, c)
	c.t.mu.Unlock()
	return c.Conn.Close()
}

// CloseWrite half-closes a TCP connection, as net/http does before closing one whose request
// body it will not read.
func (c *timedConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}
