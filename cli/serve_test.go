package cli

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/strideapp/stride"
	strhttp "github.com/strideapp/stride/http"
	"github.com/strideapp/stride/sqlite"
)

// syncBuffer is a buffer the server's goroutines and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeFlags(t *testing.T) {
	h := newHarness(t)
	if _, errOut, code := h.run("serve", "--registration", "everyone"); code != ExitUsage || !strings.Contains(errOut, "open, invite or closed") {
		t.Fatalf("bad --registration: %d %s", code, errOut)
	}
	if _, errOut, code := h.run("serve", "--base-url", "stride.example"); code != ExitUsage || !strings.Contains(errOut, "http://") {
		t.Fatalf("bad --base-url: %d %s", code, errOut)
	}
	if _, errOut, code := h.run("serve", "--log-level", "loud"); code != ExitUsage || !strings.Contains(errOut, "debug, info, warn or error") {
		t.Fatalf("bad --log-level: %d %s", code, errOut)
	}
}

// TestServeStartsAndStops runs stride serve on a free port, answers a
// request, prints the setup link of a fresh database, stores the
// registration mode from $STRIDE_REGISTRATION, and stops cleanly when its
// context ends (as on SIGINT). It logs the request at the default level,
// and not with $STRIDE_LOG_LEVEL=warn.
func TestServeStartsAndStops(t *testing.T) {
	for _, level := range []string{"", "warn"} {
		t.Run("level "+level, func(t *testing.T) { testServeStartsAndStops(t, level) })
	}
}

func testServeStartsAndStops(t *testing.T, level string) {
	dir := t.TempDir()
	var out, errOut syncBuffer
	env := Env{
		Getenv: func(k string) string {
			return map[string]string{"STRIDE_DB": filepath.Join(dir, "stride.db"), "STRIDE_ADDR": "127.0.0.1:0", "HOME": dir,
				"STRIDE_REGISTRATION": "open", "STRIDE_LOG_LEVEL": level}[k]
		},
		Now: func() time.Time { return now }, Stdout: &out, Stderr: &errOut,
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan int, 1)
	go func() { done <- env.Run(ctx, []string{"serve"}) }()

	setupRE := regexp.MustCompile(`Open (http://\S+)/setup/(\S+) to create the first account`)
	var base string
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if m := setupRE.FindStringSubmatch(errOut.String()); m != nil {
			base = m[1]
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve ended early with %d: %s", code, errOut.String())
		default:
		}
	}
	if base == "" {
		t.Fatalf("no setup link printed: %s", errOut.String())
	}
	resp, err := http.Get(base + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(body) != "ok\n" {
		t.Fatalf("healthz %d %q", resp.StatusCode, body)
	}
	cancel()
	select {
	case code := <-done:
		if code != ExitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(errOut.String(), "stride stopped.") ||
		strings.Contains(errOut.String(), `"route":"GET /healthz"`) != (level == "") ||
		!strings.Contains(errOut.String(), "Registration is open: anyone can create an account at "+base+"/register.") {
		t.Fatalf("stderr at level %q: %s", level, errOut.String())
	}
	svc, err := sqlite.Open(filepath.Join(dir, "stride.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer svc.Close()
	if mode, err := strhttp.Registration(context.Background(), svc.Auth, stride.RegistrationClosed); err != nil || mode != stride.RegistrationOpen {
		t.Fatalf("stored registration %q, %v; want open", mode, err)
	}
}

// The address serve prints is one a browser on the machine can open: not
// the unspecified 0.0.0.0 or [::] of a server listening everywhere (the
// Docker image's :8080).
func TestReachable(t *testing.T) {
	for _, tt := range []struct {
		addr net.TCPAddr
		want string
	}{
		{net.TCPAddr{IP: net.IPv4zero, Port: 8080}, "localhost:8080"},
		{net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, "localhost:8080"},
		{net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 18765}, "127.0.0.1:18765"},
		{net.TCPAddr{IP: net.ParseIP("::1"), Port: 80}, "[::1]:80"},
	} {
		if got := reachable(&tt.addr); got != tt.want {
			t.Errorf("reachable(%v) = %q, want %q", &tt.addr, got, tt.want)
		}
	}
}
