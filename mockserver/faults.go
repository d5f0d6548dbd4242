package mockserver

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// faultRule makes requests to an operation slow, or fail with a status, for a number of
// requests or a fraction of them.
type faultRule struct {
	ID        int64
	Operation string // an operationId of authentik's API, or "*" for every operation
	LatencyMS int64  // added before the answer, in milliseconds
	Status    int    // 0: no forced status, only latency
	Remaining *int   // nil: until cleared
	Fraction  float64
	Seed      int64      // seeds rng
	rng       *rand.Rand // draws whether the rule applies to a request it is consulted on
}

// defaultFaultSeed is the seed of a rule that names none.
const defaultFaultSeed = 1

// faultStatuses are the statuses a fault can force, each answered with authentik's body for it.
var faultStatuses = map[int]bool{400: true, 403: true, 404: true, 429: true, 500: true, 503: true}

// maxFaultLatency bounds injected latency, below the command's 60 s request timeout so a delayed
// answer still arrives.
const maxFaultLatency = 50 * time.Second

// maxFaultRules bounds the rules in force at once: every request on authentik's routes walks
// them, and each POST answers the whole list.
const maxFaultRules = 1000

// faults holds the rules in force.
type faults struct {
	mu     sync.Mutex
	nextID int64
	rules  []*faultRule
	armed  atomic.Int32 // len(rules), read without the lock: most servers never have a rule
}

func newFaults() *faults { return &faults{} }

func (f *faults) add(r faultRule) error {
	switch {
	case r.Operation == "":
		return errors.New(`"operation" is required: an operationId such as "stages_user_login_list", or "*"`)
	case r.Operation != "*" && !knownOperation(r.Operation):
		return fmt.Errorf("%q is not an operation of the user login stage API (%s, or \"*\" for all)", r.Operation, strings.Join(operations(), ", "))
	case r.Status != 0 && !faultStatuses[r.Status]:
		return errStatusNotInjectable(r.Status)
	case r.LatencyMS < 0 || r.LatencyMS > maxFaultLatency.Milliseconds():
		return fmt.Errorf("latency_ms must be between 0 and %d", maxFaultLatency.Milliseconds())
	case r.Status == 0 && r.LatencyMS == 0:
		return errors.New("a fault needs a status, a latency, or both")
	case r.Remaining != nil && *r.Remaining < 1:
		return errors.New(`"count" must be at least 1`)
	case r.Fraction < 0 || r.Fraction > 1:
		return errors.New(`"fraction" must be between 0 and 1`)
	}
	if r.Fraction == 0 {
		r.Fraction = 1
	}
	// Each rule draws from a generator of its own, so that which requests it meets depends only
	// on the requests it is consulted on since it was added, not on other rules or earlier tests.
	r.rng = rand.New(rand.NewPCG(uint64(r.Seed), 0))
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.rules) >= maxFaultRules {
		return fmt.Errorf("%d fault rules are in force, the most akmock keeps; DELETE /_akmock/faults/{id} or /_akmock/faults removes them", maxFaultRules)
	}
	f.nextID++
	r.ID = f.nextID
	f.rules = append(f.rules, &r)
	f.armed.Store(int32(len(f.rules)))
	return nil
}

func (f *faults) list() []faultRule {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := make([]faultRule, len(f.rules))
	for i, r := range f.rules {
		out[i] = *r
		if r.Remaining != nil {
			n := *r.Remaining
			out[i].Remaining = &n
		}
	}
	return out
}

// remove drops the rule with the given id, reporting whether there was one.
func (f *faults) remove(id int64) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := slices.IndexFunc(f.rules, func(r *faultRule) bool { return r.ID == id })
	if i < 0 {
		return false
	}
	f.rules = slices.Delete(f.rules, i, i+1)
	f.armed.Store(int32(len(f.rules)))
	return true
}

func (f *faults) clear() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rules = nil
	f.armed.Store(0)
}

// apply runs the rules in force on a request for op, in the order they were added. A rule for op
// (or "*") applies with its fraction's chance, and then counts one of its requests used; the
// latencies of the rules that apply add up (to at most maxFaultLatency), and the first of them
// that forces a status decides the answer: the rules after it are not consulted.
func (f *faults) apply(op string) (latency time.Duration, status int) {
	if f.armed.Load() == 0 {
		return 0, 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	kept := f.rules[:0]
	for _, r := range f.rules {
		applies := status == 0 && (r.Operation == "*" || r.Operation == op) &&
			(r.Fraction >= 1 || r.rng.Float64() < r.Fraction)
		if !applies {
			kept = append(kept, r)
			continue
		}
		latency += time.Duration(r.LatencyMS) * time.Millisecond
		if r.Status != 0 {
			status = r.Status
		}
		if r.Remaining != nil {
			*r.Remaining--
			if *r.Remaining == 0 {
				continue // used up
			}
		}
		kept = append(kept, r)
	}
	clear(f.rules[len(kept):])
	f.rules = kept
	f.armed.Store(int32(len(kept)))
	return min(latency, maxFaultLatency), status
}

// knownOperation reports whether op is an operationId the viewset serves.
func knownOperation(op string) bool {
	return slices.Contains(operations(), op)
}

// operations lists the operationIds of authentik's API that akmock serves, sorted.
func operations() []string {
	var ops []string
	for _, info := range routeTable {
		for _, a := range info.actions {
			ops = append(ops, a.op)
		}
	}
	slices.Sort(ops)
	return slices.Compact(ops)
}

// errStatusNotInjectable refuses a fault's status that is none of faultStatuses.
func errStatusNotInjectable(status int) error {
	return fmt.Errorf("status %d cannot be injected (use 400, 403, 404, 429, 500 or 503)", status)
}

// faultError is an injected failure: authentik's answer for the status.
type faultError struct{ status int }

func (e *faultError) Error() string { return fmt.Sprintf("injected fault: %d", e.status) }

// injectFault applies the fault rules to the request: it waits their latency (or until the
// client goes away) and returns the forced status, if any, as an error.
func (s *Server) injectFault(ctx context.Context, op string) error {
	latency, status := s.faults.apply(op)
	if latency > 0 {
		t := time.NewTimer(latency)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	if status != 0 {
		return &faultError{status: status}
	}
	return nil
}
