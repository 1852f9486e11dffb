package review

import (
	"context"

	"github.com/strideapp/stride"
	"github.com/strideapp/stride/words"
)

// EvidenceDays is how far back a doubt's evidence looks.
const EvidenceDays = 30

// DoubtEvidence reads facts from the user's record of the EvidenceDays up
// to today that may speak against a doubt, in words: steps per goal, days
// showed up, effort, and the momentum on today's board. The command line
// and the web app offer the same facts. It returns EUNAUTHORIZED without a
// user, or an internal error.
func DoubtEvidence(ctx context.Context, s *stride.Services, today stride.Date) ([]string, error) {
	since := today.AddDays(-(EvidenceDays - 1))
	steps, err := s.Steps.FindSteps(ctx, stride.StepFilter{Since: &since, Until: &today})
	if err != nil {
		return nil, err
	}
	board, err := s.Status.Status(ctx, today)
	if err != nil {
		return nil, err
	}
	return words.DoubtEvidence(steps, board, today, EvidenceDays), nil
}
