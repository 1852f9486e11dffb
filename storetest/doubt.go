package storetest

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/strideapp/stride"
)

func doubtIDs(ds []*stride.Doubt) []int64 {
	ids := []int64{}
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	return ids
}

func testDoubts(t *testing.T, svc *stride.Services) {
	needService(t, svc.Doubts != nil, "doubt")
	ctx := userCtx(t, svc, "ada")
	d := day(2025, 3, 3)
	d1 := &stride.Doubt{Day: d, Text: " I am not a runner ", Against: "ran 3 times this week", Reframe: "I am a runner who is starting"}
	must(t, "CreateDoubt", svc.Doubts.CreateDoubt(ctx, d1))
	if d1.ID == 0 || d1.CreatedAt.IsZero() || d1.Text != "I am not a runner" {
		t.Fatalf("CreateDoubt did not fill or trim the doubt: %+v", d1)
	}
	got, err := svc.Doubts.FindDoubtByID(ctx, d1.ID)
	must(t, "FindDoubtByID", err)
	if diff := cmp.Diff(d1, got, emptyEqual); diff != "" {
		t.Errorf("FindDoubtByID (-created +found):\n%s", diff)
	}
	d2 := &stride.Doubt{Day: d + 3, Text: "too old to start"}
	d3 := &stride.Doubt{Day: d + 3, Text: "no time"}
	must(t, "CreateDoubt", svc.Doubts.CreateDoubt(ctx, d2))
	must(t, "CreateDoubt", svc.Doubts.CreateDoubt(ctx, d3))
	wantCode(t, "CreateDoubt blank", svc.Doubts.CreateDoubt(ctx, &stride.Doubt{Day: d, Text: " "}), stride.EINVALID)
	wantCode(t, "CreateDoubt without a day", svc.Doubts.CreateDoubt(ctx, &stride.Doubt{Text: "x"}), stride.EINVALID)
	wantCode(t, "CreateDoubt long", svc.Doubts.CreateDoubt(ctx,
		&stride.Doubt{Day: d, Text: "x", Reframe: strings.Repeat("y", stride.MaxTextLen+1)}), stride.EINVALID)

	find := func(what string, f stride.DoubtFilter, want ...int64) {
		t.Helper()
		got, err := svc.Doubts.FindDoubts(ctx, f)
		must(t, "FindDoubts "+what, err)
		if diff := cmp.Diff(want, doubtIDs(got), emptyEqual); diff != "" {
			t.Errorf("FindDoubts %s (-want +got):\n%s", what, diff)
		}
	}
	find("all: newest day first, then newest first", stride.DoubtFilter{}, d3.ID, d2.ID, d1.ID)
	find("since", stride.DoubtFilter{Since: ptr(d + 1)}, d3.ID, d2.ID)
	find("until", stride.DoubtFilter{Until: ptr(d + 2)}, d1.ID)
	find("limited", stride.DoubtFilter{Limit: 1}, d3.ID)

	// Revisits, oldest first, whatever order they are recorded in.
	r1 := stride.Revisit{Day: d + 14, Holds: false, Note: " ran 10 times since "}
	r2 := stride.Revisit{Day: d + 7, Holds: true}
	_, err = svc.Doubts.RevisitDoubt(ctx, d1.ID, r1)
	must(t, "RevisitDoubt", err)
	got, err = svc.Doubts.RevisitDoubt(ctx, d1.ID, r2)
	must(t, "RevisitDoubt", err)
	wantRevisits := []stride.Revisit{{Day: d + 7, Holds: true}, {Day: d + 14, Holds: false, Note: "ran 10 times since"}}
	if diff := cmp.Diff(wantRevisits, got.Revisits); diff != "" {
		t.Errorf("revisits (-want +got):\n%s", diff)
	}
	if got.Text != d1.Text || got.Against != d1.Against {
		t.Errorf("RevisitDoubt changed the doubt: %+v", got)
	}
	_, err = svc.Doubts.RevisitDoubt(ctx, d1.ID, stride.Revisit{Day: d - 1})
	wantCode(t, "RevisitDoubt before the doubt", err, stride.EINVALID)
	_, err = svc.Doubts.RevisitDoubt(ctx, d1.ID, stride.Revisit{})
	wantCode(t, "RevisitDoubt without a day", err, stride.EINVALID)
	_, err = svc.Doubts.RevisitDoubt(ctx, d3.ID+1000, stride.Revisit{Day: d})
	wantCode(t, "RevisitDoubt unknown", err, stride.ENOTFOUND)
	all, err := svc.Doubts.FindDoubts(ctx, stride.DoubtFilter{})
	must(t, "FindDoubts", err)
	if diff := cmp.Diff(wantRevisits, all[2].Revisits); diff != "" {
		t.Errorf("FindDoubts: revisits of the first doubt (-want +got):\n%s", diff)
	}
	if len(all[0].Revisits) != 0 {
		t.Errorf("a doubt never revisited has revisits %v", all[0].Revisits)
	}

	up, err := svc.Doubts.UpdateDoubt(ctx, d1.ID, stride.DoubtUpdate{Reframe: ptr(" a beginner runner "), Day: ptr(d + 1)})
	must(t, "UpdateDoubt", err)
	want := *d1
	want.Reframe, want.Day, want.Revisits = "a beginner runner", d+1, wantRevisits
	if diff := cmp.Diff(&want, up, emptyEqual, cmpopts.IgnoreFields(stride.Doubt{}, "UpdatedAt")); diff != "" {
		t.Errorf("UpdateDoubt (-want +got):\n%s", diff)
	}
	_, err = svc.Doubts.UpdateDoubt(ctx, d1.ID, stride.DoubtUpdate{Text: ptr("")})
	wantCode(t, "UpdateDoubt blank", err, stride.EINVALID)
	_, err = svc.Doubts.UpdateDoubt(ctx, d3.ID+1000, stride.DoubtUpdate{Text: ptr("x")})
	wantCode(t, "UpdateDoubt unknown", err, stride.ENOTFOUND)

	must(t, "DeleteDoubt", svc.Doubts.DeleteDoubt(ctx, d1.ID))
	_, err = svc.Doubts.FindDoubtByID(ctx, d1.ID)
	wantCode(t, "FindDoubtByID deleted", err, stride.ENOTFOUND)
	wantCode(t, "DeleteDoubt again", svc.Doubts.DeleteDoubt(ctx, d1.ID), stride.ENOTFOUND)
	find("after delete", stride.DoubtFilter{}, d3.ID, d2.ID)
}

// testDoubtScoping checks that a second user sees none of the first's
// doubts.
func testDoubtScoping(t *testing.T, svc *stride.Services) {
	needService(t, svc.Doubts != nil, "doubt")
	ada, bo := userCtx(t, svc, "ada"), userCtx(t, svc, "bo")
	d := day(2025, 3, 3)
	db := &stride.Doubt{Day: d, Text: "not good enough"}
	must(t, "CreateDoubt", svc.Doubts.CreateDoubt(ada, db))
	_, err := svc.Doubts.FindDoubtByID(bo, db.ID)
	wantCode(t, "FindDoubtByID as another user", err, stride.ENOTFOUND)
	_, err = svc.Doubts.UpdateDoubt(bo, db.ID, stride.DoubtUpdate{Text: ptr("mine")})
	wantCode(t, "UpdateDoubt as another user", err, stride.ENOTFOUND)
	_, err = svc.Doubts.RevisitDoubt(bo, db.ID, stride.Revisit{Day: d})
	wantCode(t, "RevisitDoubt as another user", err, stride.ENOTFOUND)
	wantCode(t, "DeleteDoubt as another user", svc.Doubts.DeleteDoubt(bo, db.ID), stride.ENOTFOUND)
	ds, err := svc.Doubts.FindDoubts(bo, stride.DoubtFilter{})
	must(t, "FindDoubts as bo", err)
	if len(ds) != 0 {
		t.Errorf("bo sees %d doubts of ada's", len(ds))
	}
	got, err := svc.Doubts.FindDoubtByID(ada, db.ID)
	must(t, "FindDoubtByID as ada", err)
	if got.Text != "not good enough" || len(got.Revisits) != 0 {
		t.Errorf("ada's doubt changed: %+v", got)
	}
}
