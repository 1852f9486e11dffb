package importer

import (
	"fmt"

	"github.com/strideapp/stride"
)

// Backup returns the batch as a stride backup document, to be written by
// stride.BackupService.ImportBackup with the batch's Source as the
// import's source. Each goal keeps its SourceID, and a habit its group by
// ParentSourceID; steps carry no ids: the store keys them by their goal's
// SourceID and day, as StepID does, which is unique since a source keeps
// one entry per habit and day. So a second import of the same export, or
// of a later one, creates only what is new.
//
// Notes on days without a step (b.Goals[].Notes) have no place in a
// step, and are not made into anything else: DroppedNotes tells them, for
// the summary.
func (b *Batch) Backup() *stride.Backup {
	doc := &stride.Backup{Format: stride.BackupFormat, Version: stride.BackupVersion,
		Goals: make([]*stride.BackupGoal, 0, len(b.Goals))}
	for i := range b.Goals {
		g := &b.Goals[i]
		bg := &stride.BackupGoal{
			Goal: stride.Goal{Name: g.Name, Why: g.Why, Unit: g.Unit, Direction: g.Direction,
				Targets: append([]stride.Target(nil), g.Targets...), State: g.State, Start: g.Start},
			SourceID: g.SourceID, ParentSourceID: g.Parent,
			Skips: append([]stride.Date(nil), g.Skips...),
			Steps: make([]*stride.Step, len(g.Steps)),
		}
		if g.Group {
			// A heading has no steps of its own: paused from its start,
			// it holds its habits together without a line on the board
			// forever behind.
			bg.State = stride.GoalPaused
			bg.Pauses = []stride.Pause{{From: g.Start}}
			if bg.Why == "" {
				bg.Why = "A group of habits, kept paused: its habits carry the steps."
			}
		}
		for j, s := range g.Steps {
			bg.Steps[j] = &stride.Step{Day: s.Day, Amount: s.Amount, Note: s.Note}
		}
		doc.Goals = append(doc.Goals, bg)
	}
	return doc
}

// DroppedNotes returns one line for each note on a day without a step,
// "Run, Tue 2025-01-14: sore knee", which Backup leaves out.
func (b *Batch) DroppedNotes() []string {
	var out []string
	for _, g := range b.Goals {
		for _, n := range g.Notes {
			out = append(out, fmt.Sprintf("%s, %s %s: %s", g.Name, n.Day.Weekday().String()[:3], n.Day, n.Text))
		}
	}
	return out
}
