package mockserver

import (
	"net"
	"net/http"
	"strings"
)

// hostDjangoSees is the host authentik's Go router hands to Django for r: the Host header, or,
// when the client's address is in the router's trusted proxy networks, the value of
// X-Forwarded-Host (its first header line, whole) if it is not empty: the router's ProxyHeaders
// middleware, gorilla/handlers v1.5.2's ProxyHeaders behind an address check. So "a, b" from
// chained proxies is the host, which Django refuses (Go's HTTP client sends a value it cannot
// send as a Host, such as one with a space, as an empty Host, which Django refuses too). A
// non-ASCII value, which that client turns into punycode, is not modelled (README, "Known
// differences").
func hostDjangoSees(r *http.Request) string {
	if forwarded := r.Header.Get("X-Forwarded-Host"); forwarded != "" && fromTrustedProxy(r.RemoteAddr) {
		return forwarded
	}
	return r.Host
}

// trustedProxies are authentik's default AUTHENTIK_LISTEN__TRUSTED_PROXY_CIDRS: loopback and
// the private networks.
var trustedProxies = func() []*net.IPNet {
	var nets []*net.IPNet
	for _, cidr := range []string{"127.0.0.0/8", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fe80::/10", "::1/128"} {
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			panic(err)
		}
		nets = append(nets, n)
	}
	return nets
}()

// fromTrustedProxy reports whether a request's RemoteAddr (host:port) is in trustedProxies,
// read as authentik's router reads it (an address with a zone is no IP there).
func fromTrustedProxy(remoteAddr string) bool {
	host, _, err := net.SplitHostPort(remoteAddr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	for _, n := range trustedProxies {
		if n.Contains(ip) {
			return true
		}
	}
	return false
}

// checkHost refuses a request whose Host Django would not accept: authentik's first middleware
// reads the host (request.get_host()) before anything else runs, and with ALLOWED_HOSTS = ["*"]
// that still requires the form Django's host validation knows, a name of letters, digits, dots
// and hyphens or a bracketed IPv6 address, then an optional port of digits ([hostRefused]). An
// empty Host (HTTP/1.0, or "Host:" with no value) passes: authentik's Go server then sends
// Django its own backend address.
func checkHost(host string) error {
	if host == "" || validDjangoHost(strings.ToLower(host)) {
		return nil
	}
	return &hostRefused{host: host}
}

// validDjangoHost reports whether a lower-cased host matches Django's host pattern,
// ([a-z0-9.-]+ | \[[a-f0-9]*:[a-f0-9.:]+\]) (:[0-9]+)?, and leaves a domain once one trailing dot
// is removed.
func validDjangoHost(host string) bool {
	domain := host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		port := host[i+1:]
		if port == "" || !every(port, isDigit) {
			return false
		}
		domain = host[:i]
	}
	if strings.HasPrefix(domain, "[") {
		return validIPv6Literal(domain)
	}
	if !every(domain, isNameByte) {
		return false
	}
	return strings.TrimSuffix(domain, ".") != ""
}

// validIPv6Literal reports whether s is Django's bracketed address: "[", hex digits, a colon,
// then one or more hex digits, dots or colons, and "]".
func validIPv6Literal(s string) bool {
	inner, ok := strings.CutSuffix(strings.TrimPrefix(s, "["), "]")
	if !ok {
		return false
	}
	head, tail, ok := strings.Cut(inner, ":")
	return ok && tail != "" && every(head, isHex) && every(tail, func(c byte) bool { return isHex(c) || c == '.' || c == ':' })
}

// every reports whether ok holds for every byte of s. It runs on every request, where
// strings.Trim with a cut set would build that set each time.
func every(s string, ok func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !ok(s[i]) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' }

// isNameByte reports whether c may appear in a lower-cased host name: a-z, 0-9, '.' or '-'.
func isNameByte(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'z' || c == '.' || c == '-' }
