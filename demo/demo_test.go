package demo

import (
	"reflect"
	"testing"

	"github.com/strideapp/stride"
)

var today = stride.NewDate(2026, 11, 21)

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(Options{Goals: 8, Years: 2, Seed: 7, Today: today})
	b := Generate(Options{Goals: 8, Years: 2, Seed: 7, Today: today})
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same options gave different data")
	}
	c := Generate(Options{Goals: 8, Years: 2, Seed: 8, Today: today})
	if reflect.DeepEqual(a.Goals[1].Steps, c.Goals[1].Steps) {
		t.Fatal("another seed gave the same steps")
	}
}

func TestGenerateIsValid(t *testing.T) {
	d := Generate(Options{Goals: 30, Years: 3, Seed: 1, Today: today})
	names := map[string]bool{}
	kinds := map[string]bool{}
	var raised, paused, skipped bool
	subs := 0
	for _, g := range d.Goals {
		if g.Parent != "" {
			if !names[g.Parent] {
				t.Errorf("goal %q: parent %q does not come before it", g.Goal.Name, g.Parent)
			}
			subs++
		}
		if err := g.Goal.Validate(); err != nil {
			t.Fatalf("goal %q: %v", g.Goal.Name, err)
		}
		if names[g.Goal.Name] {
			t.Fatalf("goal name %q twice", g.Goal.Name)
		}
		names[g.Goal.Name] = true
		kinds[g.Goal.Target.String()+string(g.Goal.Direction)] = true
		raised = raised || len(g.Raises) > 0
		paused = paused || len(g.Pauses) > 0
		skipped = skipped || len(g.Skips) > 0
		held := map[stride.Date]bool{}
		for _, s := range g.Skips {
			held[s] = true
		}
		for _, p := range g.Pauses {
			if p.Until >= today {
				t.Errorf("goal %q: pause %v..%v is not over", g.Goal.Name, p.From, p.Until)
			}
			for d := p.From; d < p.Until; d++ {
				held[d] = true
			}
		}
		for _, s := range g.Steps {
			if err := s.Validate(); err != nil {
				t.Fatalf("goal %q step on %v: %v", g.Goal.Name, s.Day, err)
			}
			if s.Day < g.Goal.Start || s.Day > today {
				t.Fatalf("goal %q: step on %v outside %v..%v", g.Goal.Name, s.Day, g.Goal.Start, today)
			}
			if held[s.Day] {
				t.Fatalf("goal %q: step on held day %v", g.Goal.Name, s.Day)
			}
		}
	}
	if subs == 0 {
		t.Error("no sub-goals")
	}
	if !raised || !paused || !skipped {
		t.Errorf("raised %v, paused %v, skipped %v: want all", raised, paused, skipped)
	}
	if len(kinds) < 8 {
		t.Errorf("only %d kinds of target", len(kinds))
	}
}

func TestGenerateLarge(t *testing.T) {
	d := Generate(Options{Goals: 50, Years: 10, Seed: 1, Today: today})
	if n := d.Steps(); n < 110000 {
		t.Errorf("50 goals × 10 years gave %d steps, want well over 100,000", n)
	}
	t.Logf("%d steps", d.Steps())
}
