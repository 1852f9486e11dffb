// Command load measures stride serve under load on loopback, side by side
// with a minimal Go hello-world server in one run, and prints requests per
// second, p50 and p99 latency, the ratio to hello-world, errors, CPU use
// and the server's peak RSS.
//
//	go run ./bench/load [-c 64] [-d 10s] [-n 1] [-only get|post] [-db postgres://...] [-users 1]
//
// It builds stride, fills a database with stride demo --goals 50 --years 10
// for the user "bench" (and with -users N, a year for each of bench2 to
// benchN, connection c speaking for user c % N), gives each a token, and starts stride serve and the
// hello-world server (this program, run again with -hello) as processes of
// their own. Each round runs, one after the other so that a noisy neighbour
// slows all alike: hello GET, GET /api/v1/status, hello POST, POST
// /api/v1/steps. The client speaks HTTP/1.1 on raw keep-alive connections,
// one goroutine each, to spend as little CPU as it can beside the server.
//
// The database is a durable SQLite file in a temporary directory, or with
// -db a database of its own, stride_load_<pid>, created on the PostgreSQL
// server the URL names and dropped at the end.
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

func main() {
	conns := flag.Int("c", 64, "keep-alive connections")
	dur := flag.Duration("d", 10*time.Second, "measured time of each scenario")
	warm := flag.Duration("warmup", time.Second, "unmeasured time before each scenario")
	rounds := flag.Int("n", 1, "rounds of the four scenarios")
	goals := flag.Int("goals", 50, "demo goals")
	years := flag.Int("years", 10, "demo years of history")
	logPath := flag.String("log", "", "append what the servers print to this file")
	hello := flag.String("hello", "", "serve hello-world on this address (used by the benchmark itself)")
	only := flag.String("only", "", "run only the GET or the POST pair of scenarios: get or post")
	users := flag.Int("users", 1, "users the connections take turns at: the first has -years of history, the others one year")
	pgURL := flag.String("db", "", "measure on a fresh database made on the PostgreSQL server this postgres:// URL names, dropped at the end\n(default: SQLite in a temporary directory)")
	flag.Parse()
	if *hello != "" {
		serveHello(*hello)
		return
	}
	if *logPath != "" {
		f, err := os.OpenFile(*logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			fmt.Fprintln(os.Stderr, "load:", err)
			os.Exit(1)
		}
		defer f.Close()
		serverLog = f
	}
	if *users < 1 || *users > *conns {
		fmt.Fprintf(os.Stderr, "load: -users %d: want 1 to -c (%d)\n", *users, *conns)
		os.Exit(2)
	}
	if *only != "" && *only != "get" && *only != "post" {
		fmt.Fprintf(os.Stderr, "load: -only %q: want get or post\n", *only)
		os.Exit(2)
	}
	if *pgURL != "" && !strings.HasPrefix(*pgURL, "postgres://") && !strings.HasPrefix(*pgURL, "postgresql://") {
		fmt.Fprintf(os.Stderr, "load: -db %q: want a PostgreSQL URL, postgres://user@host:port/database (without -db the benchmark uses SQLite)\n", *pgURL)
		os.Exit(2)
	}
	if err := run(*conns, *dur, *warm, *rounds, *goals, *years, *users, *only, *pgURL); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// serveHello is the floor: a Go net/http server that reads the body and
// answers a few bytes, 201 to a POST.
func serveHello(addr string) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Println(ln.Addr())
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "text/plain")
		if r.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = w.Write([]byte("hello, world\n"))
	})
	fmt.Fprintln(os.Stderr, http.Serve(ln, h))
}

// serverLog receives what the servers print once started (-log); nil
// drops it.
var serverLog io.Writer

// server is a child process serving HTTP.
type server struct {
	cmd  *exec.Cmd
	addr string
}

// start runs cmd and waits for the line naming its address: the first
// stdout line (hello) or the "serving at" line on stderr (stride).
func start(cmd *exec.Cmd) (*server, error) {
	r, w := io.Pipe()
	cmd.Stdout, cmd.Stderr = w, w
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			if sent {
				if serverLog != nil {
					fmt.Fprintln(serverLog, line)
				}
				continue // keep draining the logs
			}
			if i := strings.Index(line, "serving at http://"); i >= 0 {
				addrc <- strings.TrimSpace(line[i+len("serving at http://"):])
				sent = true
			} else if _, _, err := net.SplitHostPort(line); err == nil {
				addrc <- line
				sent = true
			} else {
				fmt.Fprintln(os.Stderr, "  |", line)
			}
		}
	}()
	select {
	case a := <-addrc:
		return &server{cmd: cmd, addr: a}, nil
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		return nil, fmt.Errorf("%s did not say where it listens", cmd.Path)
	}
}

func (s *server) stop() {
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
	}
}

// memory returns the process's resident set now and at its peak, in KiB.
func (s *server) memory() (rss, peak int64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		v, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			rss = v
		case "VmHWM:":
			peak = v
		}
	}
	return rss, peak
}

// cpu returns the CPU time the process has used.
func (s *server) cpu() time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	// Fields after the command name, which is in parentheses.
	f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * 10 * time.Millisecond // USER_HZ is 100 on Linux
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func run(conns int, dur, warm time.Duration, rounds, goals, years, users int, only, pgURL string) error {
	dir, err := os.MkdirTemp("", "stride-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	stride := filepath.Join(dir, "stride")
	if out, err := exec.Command("go", "build", "-o", stride, "./cmd/stride").CombinedOutput(); err != nil {
		return fmt.Errorf("build stride: %v\n%s", err, out)
	}
	db, store := filepath.Join(dir, "stride.db"), "SQLite (durable) in a temporary directory"
	if pgURL != "" {
		var drop func() error
		db, store, drop, err = createPostgres(pgURL)
		if err != nil {
			return err
		}
		// Deferred before the servers' stops, so it runs after them; the
		// drop forces any connection left closed all the same.
		defer func() {
			if err := drop(); err != nil {
				fmt.Fprintln(os.Stderr, "load:", err)
			}
		}()
	}
	env := append(os.Environ(), "HOME="+dir, "XDG_DATA_HOME="+dir, "XDG_CONFIG_HOME="+dir,
		"STRIDE_DB="+db, "STRIDE_USER=bench", "NO_COLOR=1", "STRIDE_SERVER=", "STRIDE_TOKEN=")
	cmd := func(args ...string) *exec.Cmd {
		c := exec.Command(stride, args...)
		c.Env = env
		return c
	}
	t0 := time.Now()
	if out, err := cmd("demo", "--goals", fmt.Sprint(goals), "--years", fmt.Sprint(years)).CombinedOutput(); err != nil {
		return fmt.Errorf("demo: %v\n%s", err, out)
	}
	fmt.Printf("stride demo --goals %d --years %d: %v\n", goals, years, time.Since(t0).Round(time.Millisecond))
	// The other users, bench2 to benchN, with a year of history each.
	names := []string{"bench"}
	for u := 2; u <= users; u++ {
		name := fmt.Sprint("bench", u)
		c := cmd("demo", "--goals", fmt.Sprint(goals), "--years", "1", "--seed", fmt.Sprint(u))
		c.Env = append(slices.Clip(env), "STRIDE_USER="+name)
		if out, err := c.CombinedOutput(); err != nil {
			return fmt.Errorf("demo for %s: %v\n%s", name, err, out)
		}
		names = append(names, name)
	}
	if users > 1 {
		fmt.Printf("%d more users with a year each: %v\n", users-1, time.Since(t0).Round(time.Millisecond))
	}
	tokens := make([]string, users)
	for u, name := range names {
		out, err := cmd("token", "create", "--user", name, "--name", "load", "--expires", "never").Output()
		if err != nil {
			return fmt.Errorf("token create --user %s: %v", name, err)
		}
		tokens[u] = strings.TrimSpace(string(out))
	}

	self, err := os.Executable()
	if err != nil {
		return err
	}
	hello, err := start(exec.Command(self, "-hello", "127.0.0.1:0"))
	if err != nil {
		return err
	}
	defer hello.stop()
	srv, err := start(cmd("serve", "--addr", "127.0.0.1:0"))
	if err != nil {
		return err
	}
	defer srv.stop()

	// Connection c speaks for user c % users.
	ids := make([][]int64, users)
	auth := make([]string, users)
	for u, token := range tokens {
		if ids[u], err = goalIDs(srv.addr, token); err != nil {
			return err
		}
		auth[u] = "Authorization: Bearer " + token + "\r\n"
	}
	get := func(path string) func(c, i int) []byte {
		reqs := make([][]byte, users)
		for u := range reqs {
			reqs[u] = []byte("GET " + path + " HTTP/1.1\r\nHost: bench\r\n" + auth[u] + "\r\n")
		}
		return func(c, _ int) []byte { return reqs[c%users] }
	}
	var runID int
	post := func(c, i int) []byte {
		u := c % users
		body := fmt.Sprintf(`{"goal_id":%d,"amount":1,"request_id":"load-%d-%d-%d"}`, ids[u][(c/users+i)%len(ids[u])], runID, c, i)
		return []byte(fmt.Sprintf("POST /api/v1/steps HTTP/1.1\r\nHost: bench\r\n%sContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
			auth[u], len(body), body))
	}
	scenarios := []struct {
		name   string
		target *server
		req    func(c, i int) []byte
		want   int
		floor  string // the scenario whose rate this one is compared to
	}{
		{"hello GET", hello, get("/"), 200, ""},
		{"GET /api/v1/status", srv, get("/api/v1/status"), 200, "hello GET"},
		{"hello POST", hello, post, 201, ""},
		{"POST /api/v1/steps", srv, post, 201, "hello POST"},
	}
	switch only {
	case "get":
		scenarios = scenarios[:2]
	case "post":
		scenarios = scenarios[2:]
	}
	fmt.Printf("stride serve is process %d\n", srv.cmd.Process.Pid)
	fmt.Printf("%s: %d user(s) of %d goals, %d connections, %v measured after %v of warm-up, %d round(s)\n\n", store, users, len(ids[0]), conns, dur, warm, rounds)
	fmt.Printf("%-20s %10s %9s %9s %8s %7s %10s %10s %9s\n", "scenario", "req/s", "p50", "p99", "× hello", "errors", "server CPU", "client CPU", "srv RSS")
	rates := map[string][]float64{}
	for r := range rounds {
		for _, sc := range scenarios {
			runID++
			cpu0, self0 := sc.target.cpu(), selfCPU()
			res := load(sc.target.addr, conns, warm, dur, sc.req, sc.want)
			cpu1, self1 := sc.target.cpu(), selfCPU()
			rate := float64(res.n) / dur.Seconds()
			rates[sc.name] = append(rates[sc.name], rate)
			ratio := ""
			if sc.floor != "" {
				ratio = fmt.Sprintf("%.1f%%", 100*rate/rates[sc.floor][r])
			}
			rss, _ := sc.target.memory()
			wall := (warm + dur).Seconds()
			fmt.Printf("%-20s %10.0f %9v %9v %8s %7d %9.2fc %9.2fc %6.1f MiB\n", sc.name, rate,
				res.p(0.50).Round(10*time.Microsecond), res.p(0.99).Round(10*time.Microsecond), ratio, res.errors,
				(cpu1-cpu0).Seconds()/wall, (self1-self0).Seconds()/wall, float64(rss)/1024)
			if res.firstErr != nil {
				fmt.Printf("  first error: %v\n", res.firstErr)
			}
		}
	}
	_, peak := srv.memory()
	_, hpeak := hello.memory()
	fmt.Printf("\npeak RSS (VmHWM): stride serve %.1f MiB, hello-world %.1f MiB\n", float64(peak)/1024, float64(hpeak)/1024)
	if rounds > 1 {
		for _, sc := range scenarios {
			if sc.floor == "" {
				continue
			}
			var ratios []float64
			for r := range rounds {
				ratios = append(ratios, 100*rates[sc.name][r]/rates[sc.floor][r])
			}
			fmt.Printf("%s: %.1f%% to %.1f%% of hello-world over %d rounds\n", sc.name, slices.Min(ratios), slices.Max(ratios), rounds)
		}
	}
	return nil
}

// createPostgres creates a database of the benchmark's own on the
// PostgreSQL server base names. It returns the database's URL, a line
// naming the store for the header, and a function that drops the database,
// closing any connection still open to it.
func createPostgres(base string) (dsn, store string, drop func() error, err error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", "", nil, fmt.Errorf("-db: %v", err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", "", nil, fmt.Errorf("connect to %s: %w", u.Redacted(), err)
	}
	defer conn.Close(ctx)
	var version, syncCommit string
	if err := conn.QueryRow(ctx, `SELECT current_setting('server_version'), current_setting('synchronous_commit')`).Scan(&version, &syncCommit); err != nil {
		return "", "", nil, fmt.Errorf("PostgreSQL settings: %w", err)
	}
	name := fmt.Sprintf("stride_load_%d", os.Getpid())
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return "", "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	drop = func() error {
		conn, err := pgx.Connect(ctx, base)
		if err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
			return fmt.Errorf("drop database %s: %w", name, err)
		}
		return nil
	}
	u.Path, u.RawPath = "/"+name, ""
	version, _, _ = strings.Cut(version, " ") // "15.20 (Debian 15.20-0+deb12u1)"
	cfg := conn.Config()
	store = fmt.Sprintf("PostgreSQL %s at %s, database %s, synchronous_commit=%s",
		version, net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), name, syncCommit)
	return u.String(), store, drop, nil
}

// goalIDs returns the ids of the token's goals.
func goalIDs(addr, token string) ([]int64, error) {
	req, err := http.NewRequest("GET", "http://"+addr+"/api/v1/goals", nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var goals []struct {
		ID int64 `json:"id"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&goals); err != nil || len(goals) == 0 {
		return nil, fmt.Errorf("GET /api/v1/goals: %s, %v (%d goals)", resp.Status, err, len(goals))
	}
	ids := make([]int64, len(goals))
	for i, g := range goals {
		ids[i] = g.ID
	}
	return ids, nil
}

type result struct {
	n        int
	errors   int
	firstErr error
	lat      []time.Duration
}

// p returns the q-quantile of the latencies.
func (r *result) p(q float64) time.Duration {
	if len(r.lat) == 0 {
		return 0
	}
	return r.lat[min(int(q*float64(len(r.lat))), len(r.lat)-1)]
}

// load sends requests on conns keep-alive connections for warm+dur and
// keeps the requests that started after the warm-up and ended in time.
func load(addr string, conns int, warm, dur time.Duration, req func(c, i int) []byte, want int) *result {
	start := time.Now()
	from, end := start.Add(warm), start.Add(warm+dur)
	results := make([]result, conns)
	var wg sync.WaitGroup
	for c := range conns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := &results[c]
			fail := func(err error) {
				res.errors++
				if res.firstErr == nil {
					res.firstErr = err
				}
			}
			conn, err := net.Dial("tcp", addr)
			if err != nil {
				fail(err)
				return
			}
			defer conn.Close()
			br := bufio.NewReaderSize(conn, 32<<10)
			for i := 0; ; i++ {
				t0 := time.Now()
				if !t0.Before(end) {
					return
				}
				if _, err := conn.Write(req(c, i)); err != nil {
					fail(err)
					return
				}
				status, err := readResponse(br)
				t1 := time.Now()
				if err != nil {
					fail(err)
					return
				}
				if t0.Before(from) || t1.After(end) {
					continue
				}
				if status != want {
					fail(fmt.Errorf("status %d, want %d", status, want))
					continue
				}
				res.n++
				res.lat = append(res.lat, t1.Sub(t0))
			}
		}()
	}
	wg.Wait()
	all := &result{}
	for _, r := range results {
		all.n += r.n
		all.errors += r.errors
		all.lat = append(all.lat, r.lat...)
		if all.firstErr == nil {
			all.firstErr = r.firstErr
		}
	}
	slices.Sort(all.lat)
	return all
}

// readResponse reads one HTTP/1.1 response with a Content-Length or a
// chunked body, discards the body and returns the status code.
func readResponse(br *bufio.Reader) (int, error) {
	line, err := br.ReadSlice('\n')
	if err != nil {
		return 0, err
	}
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.1 ")) {
		return 0, fmt.Errorf("bad status line %q", line)
	}
	status, err := strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, err
	}
	length, chunked := -1, false
	for {
		line, err := br.ReadSlice('\n')
		if err != nil {
			return 0, err
		}
		h := bytes.TrimRight(line, "\r\n")
		if len(h) == 0 {
			break
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			continue
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.Atoi(string(value)); err != nil {
				return 0, err
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		}
	}
	switch {
	case chunked:
		for {
			line, err := br.ReadSlice('\n')
			if err != nil {
				return 0, err
			}
			size, err := strconv.ParseInt(string(bytes.TrimSpace(bytes.SplitN(line, []byte(";"), 2)[0])), 16, 64)
			if err != nil {
				return 0, err
			}
			if _, err := br.Discard(int(size) + 2); err != nil { // the chunk and its CRLF
				return 0, err
			}
			if size == 0 {
				return status, nil // no trailers are sent here
			}
		}
	case length >= 0:
		_, err := br.Discard(length)
		return status, err
	default:
		return 0, errors.New("a response without a length cannot be kept alive")
	}
}
