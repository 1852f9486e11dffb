// Command cli measures stride's command line as whole processes, side by
// side with the floor program in one run, and prints medians, ratios and
// peak RSS. Runs are interleaved (floor, log, status, floor, ...) so a noisy
// neighbour slows all of them alike.
//
//	go run ./bench/cli [-n 40] [-goals 50] [-years 10]
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

func main() {
	n := flag.Int("n", 40, "runs of each command")
	goals := flag.Int("goals", 50, "demo goals")
	years := flag.Int("years", 10, "demo years of history")
	flag.Parse()
	if err := run(*n, *goals, *years); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

type sample struct {
	wall []time.Duration
	rss  []int64 // KiB
}

func (s *sample) add(d time.Duration, rss int64) {
	s.wall = append(s.wall, d)
	s.rss = append(s.rss, rss)
}

func median(v []time.Duration) time.Duration {
	c := slices.Clone(v)
	slices.Sort(c)
	return c[len(c)/2]
}

func run(n, goals, years int) error {
	dir, err := os.MkdirTemp("", "stride-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	stride, floor := filepath.Join(dir, "stride"), filepath.Join(dir, "floor")
	for bin, pkg := range map[string]string{stride: "./cmd/stride", floor: "./bench/floor"} {
		if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
			return fmt.Errorf("build %s: %v\n%s", pkg, err, out)
		}
	}
	db := filepath.Join(dir, "stride.db")
	env := append(os.Environ(), "STRIDE_DB="+db, "NO_COLOR=1", "STRIDE_USER=bench")
	start := time.Now()
	demo := exec.Command(stride, "demo", "--goals", fmt.Sprint(goals), "--years", fmt.Sprint(years))
	demo.Env = env
	if out, err := demo.CombinedOutput(); err != nil {
		return fmt.Errorf("demo: %v\n%s", err, out)
	}
	fmt.Printf("demo --goals %d --years %d: %v\n", goals, years, time.Since(start).Round(time.Millisecond))
	// Keep this process small: a child's peak RSS, as the kernel reports
	// it, starts from the parent's at fork.
	status := exec.Command(stride, "status", "--json")
	status.Env = env
	out, err := status.Output()
	if err != nil {
		return fmt.Errorf("status: %v", err)
	}
	var board []struct{ Name string }
	if err := json.Unmarshal(out, &board); err != nil || len(board) == 0 {
		return fmt.Errorf("status --json: %v (%d goals)", err, len(board))
	}
	goal := board[0].Name
	fmt.Printf("database: %d goals on the board; logging to %q\n", len(board), goal)

	time1 := func(s *sample, name string, args ...string) error {
		c := exec.Command(name, args...)
		c.Env = env
		t0 := time.Now()
		if out, err := c.CombinedOutput(); err != nil {
			return fmt.Errorf("%s %v: %v\n%s", name, args, err, out)
		}
		s.add(time.Since(t0), c.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)
		return nil
	}
	var fl, lg, st sample
	// one warm-up of each fills the page cache and the checkpoints.
	for i := -1; i < n; i++ {
		var a, b, c sample
		if err := time1(&a, floor, filepath.Join(dir, "floor.db")); err != nil {
			return err
		}
		if err := time1(&b, stride, "log", goal, "1"); err != nil {
			return err
		}
		if err := time1(&c, stride, "status"); err != nil {
			return err
		}
		if i >= 0 {
			fl.add(a.wall[0], a.rss[0])
			lg.add(b.wall[0], b.rss[0])
			st.add(c.wall[0], c.rss[0])
		}
	}
	f := median(fl.wall)
	fmt.Printf("\n%-28s %10s %8s %12s\n", "command (median of "+fmt.Sprint(n)+")", "wall", "× floor", "peak RSS")
	for _, r := range []struct {
		name string
		s    sample
	}{{"floor: open WAL, insert 1", fl}, {"stride log", lg}, {"stride status", st}} {
		fmt.Printf("%-28s %10v %8.2f %9.1f MiB\n", r.name, median(r.s.wall).Round(10*time.Microsecond),
			float64(median(r.s.wall))/float64(f), float64(slices.Max(r.s.rss))/1024)
	}
	return nil
}
