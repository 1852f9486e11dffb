package cli

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/strideapp/stride"
)

// findGoal returns the goal named name (case-insensitive), or an ENOTFOUND
// error that suggests the closest name and how to start a new goal.
func (a *app) findGoal(ctx context.Context, svc *stride.Services, name string) (*stride.Goal, error) {
	if strings.TrimSpace(name) == "" {
		return nil, usagef("the goal's name is empty: give the name of one of your goals (stride goal list shows them)")
	}
	g, err := svc.Goals.FindGoalByName(ctx, name)
	if err == nil {
		a.currentTarget(g)
	}
	if err == nil || stride.ErrorCode(err) != stride.ENOTFOUND {
		return g, err
	}
	goals, ferr := svc.Goals.FindGoals(ctx, stride.GoalFilter{})
	if ferr != nil {
		return nil, ferr
	}
	names := make([]string, len(goals))
	for i, g := range goals {
		names[i] = g.Name
	}
	msg := fmt.Sprintf("no goal named %q", name)
	if best := closest(name, names); best != "" {
		msg += fmt.Sprintf(": did you mean %q?", best)
	} else {
		msg += "."
	}
	msg += " To start a new one: stride goal add " + shellQuote(name) + ` --target "30 min/day"`
	return nil, stride.Errorf(stride.ENOTFOUND, "%s", msg)
}

// currentTarget sets each goal's Target to the one in effect on this
// run's today, the day its board and pace are computed for: the store
// reckons it in the account's zone, TZ may name another for a run.
func (a *app) currentTarget(goals ...*stride.Goal) {
	today := a.today()
	for _, g := range goals {
		if len(g.Targets) > 0 {
			g.Target = g.TargetOn(today)
		}
	}
}

// closest returns the name nearest to s by prefix or edit distance, or ""
// when none is near enough to be a likely typo.
func closest(s string, names []string) string {
	ls := strings.ToLower(s)
	best, bestD := "", 1<<30
	for _, n := range names {
		ln := strings.ToLower(n)
		d := editDistance(ls, ln)
		if strings.HasPrefix(ln, ls) || strings.HasPrefix(ls, ln) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = n, d
		}
	}
	if bestD <= max(1, len([]rune(s))/3) {
		return best
	}
	return ""
}

// editDistance is the Damerau–Levenshtein distance (with adjacent swaps)
// of a and b in runes.
func editDistance(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range y {
		d[0][j+1] = j + 1
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

// shellQuote quotes s for a command the user can paste, when it needs it.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(strings.ContainsRune("-_./:+=,@%", r) || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z')
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// parseID reads a step id.
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("step id %q is not a number: use the id shown by stride steps, such as 42", s)
	}
	return id, nil
}

// parseDate reads a --date style value relative to today.
// An empty value means today.
func (a *app) parseDate(s string) (stride.Date, error) {
	if s == "" {
		return a.today(), nil
	}
	return stride.ParseDate(s, a.today())
}
