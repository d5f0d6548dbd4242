// Command startup measures how long a server takes from process start to its first 200 answer,
// for scripts/startup.sh: it starts the command after "--" several times, polls url every
// millisecond from the moment the process starts, and prints the times and the resident memory
// at the first answer.
//
//	go run ./scripts/startup -runs 5 -url http://127.0.0.1:19300/api/v3/stages/user_login/ -- akmock --count 10000 --listen 127.0.0.1:19300
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strings"
	"time"
)

func main() {
	runs := flag.Int("runs", 5, "how many times to start the server")
	url := flag.String("url", "", "the URL that must answer 200")
	token := flag.String("token", "akmock-token", "bearer token sent with the request")
	timeout := flag.Duration("timeout", 30*time.Second, "give up on a run after this long")
	flag.Parse()
	if *url == "" || flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: startup [-runs N] -url URL -- command args...")
		os.Exit(2)
	}
	var times []time.Duration
	for i := 0; i < *runs; i++ {
		d, rss, err := measure(flag.Args(), *url, *token, *timeout)
		if err != nil {
			fmt.Fprintln(os.Stderr, "startup:", err)
			os.Exit(1)
		}
		fmt.Printf("run %d: first 200 after %.1f ms, RSS %s\n", i+1, ms(d), rss)
		times = append(times, d)
	}
	slices.Sort(times)
	median := (times[(len(times)-1)/2] + times[len(times)/2]) / 2 // the mean of the middle two for an even count
	fmt.Printf("min %.1f ms, median %.1f ms, max %.1f ms\n", ms(times[0]), ms(median), ms(times[len(times)-1]))
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// measure starts the command once and polls url until it answers 200; it returns the time
// from the start and the process's resident memory then, and stops the process.
func measure(args []string, url, token string, timeout time.Duration) (time.Duration, string, error) {
	client := &http.Client{Timeout: time.Second}
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, "", err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	if resp, err := client.Do(req); err == nil { // another server would be measured instead
		resp.Body.Close()
		return 0, "", errors.New("something already answers at " + url + "; free its port first")
	}
	cmd := exec.Command(args[0], args[1:]...)
	var output strings.Builder
	cmd.Stdout, cmd.Stderr = &output, &output
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, "", err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		cmd.Process.Kill()
		<-exited
	}()
	for time.Since(start) < timeout {
		select {
		case err := <-exited:
			exited <- err // for the deferred wait
			return 0, "", fmt.Errorf("the server exited before answering (%v); its output:\n%s", err, output.String())
		default:
		}
		resp, err := client.Do(req)
		if err == nil {
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return time.Since(start), rss(cmd.Process.Pid), nil
			}
		}
		time.Sleep(time.Millisecond)
	}
	return 0, "", errors.New("no 200 from " + url + " within " + timeout.String())
}

// rss reads VmRSS from /proc (Linux), or "?".
func rss(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb float64
			fmt.Sscan(v, &kb)
			return fmt.Sprintf("%.1f MB", kb/1024)
		}
	}
	return "?"
}
