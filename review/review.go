// Package review computes what stride celebrates and summarises from the
// record: wins, the weekly review's summary and how far a goal has come.
//
// This file is a placeholder so the stores compile; the package's own
// implementation replaces it.
package review

import (
	"context"

	"github.com/strideapp/stride"
)

// NewWins returns the WinService over the services s.
func NewWins(s *stride.Services) stride.WinService { return wins{s} }

type wins struct{ s *stride.Services }

// FindWins returns EINTERNAL until the package is implemented.
func (w wins) FindWins(ctx context.Context, filter stride.WinFilter, today stride.Date) ([]*stride.Win, error) {
	return nil, notYet()
}

// SummarizeWeek computes the summary of the week starting on week. It
// returns EINTERNAL until the package is implemented.
func SummarizeWeek(ctx context.Context, s *stride.Services, week, today stride.Date) (*stride.WeekSummary, error) {
	return nil, notYet()
}

// HowFarGoal compares a goal's first four weeks with its last four. It
// returns EINTERNAL until the package is implemented.
func HowFarGoal(ctx context.Context, s *stride.Services, goalID int64, today stride.Date) (*stride.HowFar, error) {
	return nil, notYet()
}

func notYet() error { return stride.Errorf(stride.EINTERNAL, "the review package is not written yet") }
