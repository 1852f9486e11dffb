package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/sqlite"
)

// benchBoard fills a database with goals × days of daily steps, reads the
// board once (which saves the checkpoints) and returns a context and the
// services, ready for the steady-state board.
func benchBoard(b *testing.B, goals, days int) (context.Context, *stride.Services, stride.Date) {
	b.Helper()
	dbPath := filepath.Join(b.TempDir(), "stride.db")
	svc, err := sqlite.Open(dbPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { svc.Close() })
	u, err := svc.Users.EnsureUser(context.Background(), "ada")
	if err != nil {
		b.Fatal(err)
	}
	ctx := stride.NewContextWithUser(context.Background(), u)
	today := stride.NewDate(2026, 11, 22)
	start := today - stride.Date(days-1)
	var steps []*stride.Step
	for i := range goals {
		g := &stride.Goal{Name: fmt.Sprint("goal ", i), Unit: "min", Start: start,
			Targets: []stride.Target{{From: start, Amount: 30, Unit: "min", Per: stride.PerDay}}}
		if i%3 == 1 {
			g.Targets[0] = stride.Target{From: start, Amount: 150, Unit: "min", Per: stride.PerWeek}
		}
		if err := svc.Goals.CreateGoal(ctx, g); err != nil {
			b.Fatal(err)
		}
		for d := start; d <= today; d++ {
			if (int(d)+i)%5 != 0 {
				steps = append(steps, &stride.Step{GoalID: g.ID, Day: d, Amount: float64(10 + (int(d)*7+i)%40)})
			}
		}
	}
	t0 := time.Now()
	if err := svc.Steps.CreateSteps(ctx, steps); err != nil {
		b.Fatal(err)
	}
	imported := time.Since(t0)
	t0 = time.Now()
	if _, err := svc.Status.Status(ctx, today); err != nil {
		b.Fatal(err)
	}
	b.Logf("%d goals × %d days: imported %d steps in %v; first board (saving checkpoints) %v",
		goals, days, len(steps), imported.Round(time.Millisecond), time.Since(t0).Round(time.Microsecond))
	return ctx, svc, today
}

func benchmarkStatus(b *testing.B, days int) {
	ctx, svc, today := benchBoard(b, 50, days)
	b.ResetTimer()
	for b.Loop() {
		board, err := svc.Status.Status(ctx, today)
		if err != nil || len(board) != 50 {
			b.Fatal(len(board), err)
		}
	}
}

// BenchmarkStatus10Years and BenchmarkStatus1Month show that the board's
// cost does not grow with the history: 50 goals with ten years of daily
// steps against 50 goals with one month.
func BenchmarkStatus10Years(b *testing.B) { benchmarkStatus(b, 3650) }

// BenchmarkStatus1Month is the baseline for BenchmarkStatus10Years.
func BenchmarkStatus1Month(b *testing.B) { benchmarkStatus(b, 30) }

// BenchmarkOpen measures opening an up-to-date database, which every CLI
// call pays.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "stride.db")
	svc, err := sqlite.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	svc.Close()
	for b.Loop() {
		svc, err := sqlite.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Users.EnsureUser(context.Background(), "ada"); err != nil {
			b.Fatal(err)
		}
		svc.Close()
	}
}

// BenchmarkCreateStepDurable64 logs steps from 64 goroutines at once on a
// durable database (synchronous=FULL, group commit), as the server does
// under load: b.N steps spread over 50 goals, each with its own request
// id. Besides ns/op it reports the process's CPU time per step, which the
// other work on a shared machine disturbs less than the wall clock.
func BenchmarkCreateStepDurable64(b *testing.B) {
	dbPath := filepath.Join(b.TempDir(), "stride.db")
	svc, err := sqlite.Open(dbPath, sqlite.WithDurableCommits())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { svc.Close() })
	u, err := svc.Users.EnsureUser(context.Background(), "ada")
	if err != nil {
		b.Fatal(err)
	}
	ctx := stride.NewContextWithUser(context.Background(), u)
	today := stride.NewDate(2026, 11, 22)
	var ids []int64
	for i := range 50 {
		g := &stride.Goal{Name: fmt.Sprint("goal ", i), Unit: "min", Start: today - 30,
			Targets: []stride.Target{{From: today - 30, Amount: 30, Unit: "min", Per: stride.PerDay}}}
		if err := svc.Goals.CreateGoal(ctx, g); err != nil {
			b.Fatal(err)
		}
		ids = append(ids, g.ID)
	}
	var next atomic.Int64
	cpu0 := cpuTime()
	b.ResetTimer()
	b.SetParallelism(64 / max(1, runtime.GOMAXPROCS(0)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			n := next.Add(1)
			s := &stride.Step{GoalID: ids[n%50], Day: today, Amount: 5, RequestID: fmt.Sprint("r", n)}
			if _, err := svc.Steps.CreateStep(ctx, s); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the user and system CPU time of the process so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
