using Sec.Calendar;
using Sec.Contracts;
using DecisionPath = Sec.Contracts.DecisionPath;
using Phase = Sec.Contracts.Phase;
using Outcome = Sec.ChangeBoard.Domain.Outcome;

namespace Sec.RegisterGenerator;

/// <summary>
/// Plans one modification's life the way the process runs it: Define (amendments, the Change
/// Sub-Committee, sometimes a withdrawal or an adoption), conversion, Refinement (Working Group
/// meetings, Preliminary and Impact Assessments, the Refinement Consultation, path changes, holds),
/// the Report Phase (Modification Report Consultation, the Change Board's vote, the Authority on
/// Paths 1 and 2) and a release. Every register step goes through the domain's own rules, so the
/// history is one the suite itself could have written.
/// </summary>
/// <remarks>
/// Lambdas here capture only locals that are assigned once: the plan runs later, when the dates
/// have moved on.
/// </remarks>
internal sealed class LifePlanner(Schedule schedule, IReadOnlyList<Member> members)
{
    private static readonly LegalWorkingDays Legal = new(HolidayCalendar.Embedded);
    private static readonly GroupMajorityRule Counting = new();

    public ModificationLife Plan(int index, int seed, DateOnly raisedOn, ModificationReference reference)
    {
        var random = new Random(unchecked(seed * 1_000_003 + index * 7_919 + 17));
        var life = new ModificationLife(index, random) { RaisedOn = raisedOn };
        var id = Ids.From(random);
        var title = Texts.Title(random);
        var problem = Texts.Problem(random, title);
        var fastTrack = reference.Kind == ReferenceKind.DraftProposal && random.NextDouble() < 0.04;
        var proposer = fastTrack
            ? new Proposer(Texts.Person(random), ProposalSteps.Panel)
            : new Proposer(Texts.Person(random), Texts.Parties[random.Next(Texts.Parties.Length)].Organisation);
        var raise = new RaiseDraftProposal(title, problem, proposer, raisedOn);
        life.Step(raisedOn, (_, _, actor, now) => (fastTrack
            ? ProposalSteps.RaiseFastTrack(reference, raise, actor, now)
            : Proposal.Raise(reference, raise, actor, now)).State with { Id = id });

        var modification = reference.Kind == ReferenceKind.DraftProposal ? reference.AsModification().Value : reference.Value;
        var context = new PlanContext(life, random, modification);
        if (fastTrack)
        {
            Opine(context, raisedOn, DecisionPath.FastTrackSelfGovernance, urgent: false, fastTrack: true, sentBackOnce: false);
            return life;
        }

        var path = PickPath(random);
        var urgent = random.NextDouble() < 0.03;
        DateOnly converted;
        var route = ConversionRoute.RefinementProcess;
        if (reference.Kind == ReferenceKind.Legacy)
        {
            // Legacy modifications came in as Initial Modification Reports and went to Refinement.
            converted = Later(random, raisedOn, 15, 60);
            life.Step(converted, (p, on, actor, now) => p.Then("Refinement", "The Panel sent the Initial Modification Report to the Refinement Process",
                p.State with { Stage = Stage.Refinement, Path = path, Urgent = urgent }, on, actor, now));
        }
        else
        {
            if (Define(context, raisedOn) is not { } ready || Schedule.After(schedule.Panel, ready) is not { } panel)
                return life;
            route = random.NextDouble() < 0.85 ? ConversionRoute.RefinementProcess : ConversionRoute.ReportPhase;
            life.Step(panel, (p, on, actor, now) => ProposalSteps.Convert(p, route, path, urgent, on, $"Panel meeting of {on:d MMMM yyyy}", actor, now));
            converted = panel;
        }

        if (route == ConversionRoute.ReportPhase)
            Opine(context, converted, path, urgent, fastTrack: false, sentBackOnce: false);
        else if (Refine(context, converted, path) is { } progressed)
            Opine(context, progressed.On, progressed.Path, urgent, fastTrack: false, sentBackOnce: false);
        return life;
    }

    /// <summary>The Define phase: amendments and the Change Sub-Committee. Null when the life ends here.</summary>
    private DateOnly? Define(PlanContext x, DateOnly raisedOn)
    {
        var (life, random) = (x.Life, x.Random);
        var d = raisedOn;
        for (var i = random.Next(0, 3); i > 0; i--)
        {
            d = Later(random, d, 5, 40);
            Amend(life, d);
        }
        if (random.NextDouble() < 0.07)
        {
            var withdrawnOn = Later(random, d, 5, 60);
            if (random.NextDouble() >= 0.25)
            {
                Withdraw(life, withdrawnOn);
                return null;
            }
            // Another party adopts it within the withdrawal period and takes it on.
            var ends = Legal.AddWorkingDays(withdrawnOn, 10);
            var adoptedOn = Min(Later(random, withdrawnOn, 1, 7), ends);
            var adopter = Texts.Parties[random.Next(Texts.Parties.Length)];
            var adopterName = Texts.Person(random);
            life.Step(withdrawnOn, (p, on, actor, now) => ProposalSteps.Withdraw(p, on, ends, $"{p.ProposerName} withdrew it", actor, now));
            life.Step(adoptedOn, (p, on, actor, now) => ProposalSteps.Adopt(p, new Proposer(adopterName, adopter.Organisation), on, actor, now));
            d = adoptedOn;
        }
        if (Schedule.After(schedule.Csc, Later(random, d, 3, 10)) is not { } csc)
            return null;
        if (random.NextDouble() < 0.22)
        {
            life.Step(csc, (p, on, actor, now) => ProposalSteps.RecordCscDecision(p, CscOutcome.NeedsFurtherDevelopment, on,
                "The Change Sub-Committee asked for the solution to be developed further", actor, now));
            var amended = Later(random, csc, 10, 45);
            Amend(life, amended);
            if (Schedule.After(schedule.Csc, amended) is not { } again)
                return null;
            csc = again;
        }
        life.Step(csc, (p, on, actor, now) => ProposalSteps.RecordCscDecision(p, CscOutcome.ReadyForConversion, on,
            "The Change Sub-Committee found it ready for conversion", actor, now));
        return csc;
    }

    /// <summary>The Refinement Process; null when the life ends in it (withdrawn, or past the schedule).</summary>
    private (DateOnly On, DecisionPath Path)? Refine(PlanContext x, DateOnly start, DecisionPath path)
    {
        var (life, random) = (x.Life, x.Random);
        var group = random.Next(schedule.Groups.Count);
        var end = start.AddMonths(2 + random.Next(0, 7) + random.Next(0, 7) + random.Next(0, 5));
        if (random.NextDouble() < 0.85)
        {
            var paReturned = Preliminary(x, Later(random, start, 10, 45));
            end = Max(end, paReturned.AddDays(10));
            if (random.NextDouble() < 0.4 && Impact(x, Later(random, paReturned, 5, 30)) is { } iaReturned)
                end = Max(end, iaReturned.AddDays(15));
        }
        var span = end.DayNumber - start.DayNumber;
        if (random.NextDouble() < 0.75 && span > 60)
        {
            var issue = Weekday(start.AddDays(30 + random.Next(0, span - 50)));
            life.Note(issue, "Refinement Consultation issued", "The Refinement Consultation was issued to parties");
            end = Max(end, Consult(x, ConsultationKind.Refinement, start, issue).AddDays(5));
        }
        var activityEnd = end;

        var plan = schedule.Groups[group];
        for (var i = 0; i < plan.Meetings.Count; i++)
        {
            var meetingOn = plan.Meetings[i];
            if (meetingOn <= start || meetingOn > activityEnd)
                continue;
            var entry = new AgendaEntry(group, i);
            life.At(Max(start, meetingOn.AddDays(-7)), () => life.Agenda.Add(entry));
            life.Note(meetingOn, "Discussed at the Working Group", $"Discussed at the {plan.Name} meeting of {meetingOn:d MMMM yyyy}");
        }

        if (random.NextDouble() < 0.15)
        {
            var changedOn = Min(Later(random, start, 10, Math.Max(11, span / 2)), activityEnd);
            var newPath = path == DecisionPath.SelfGovernance ? DecisionPath.AuthorityDetermination : DecisionPath.SelfGovernance;
            life.Step(changedOn, (p, on, actor, now) => ProposalSteps.SetPath(p, newPath, p.State.Urgent, on, "The Panel changed the path after the Working Group's review", actor, now));
            path = newPath;
        }
        if (random.NextDouble() < 0.08)
        {
            var resumedOn = Later(random, activityEnd, 30, 180);
            life.Step(activityEnd, (p, on, actor, now) => ProposalSteps.PutOnHold(p, on, "The Panel paused it while a related change is decided", actor, now));
            life.Step(resumedOn, (p, on, actor, now) => ProposalSteps.Resume(p, on, "The Panel resumed it", actor, now));
            end = resumedOn;
        }
        if (random.NextDouble() < 0.06)
        {
            Withdraw(life, Min(Weekday(start.AddDays(10 + random.Next(0, Math.Max(1, span - 10)))), activityEnd));
            return null;
        }
        if (Schedule.After(schedule.Panel, end) is not { } progressed)
            return null;
        life.Step(progressed, (p, on, actor, now) => ProposalSteps.ProgressToReportPhase(p, on, "The Panel agreed the Working Group's solution", actor, now));
        return (progressed, path);
    }

    /// <summary>The Report Phase to the decision, then a release or the outcome.</summary>
    private void Opine(PlanContext x, DateOnly start, DecisionPath path, bool urgent, bool fastTrack, bool sentBackOnce)
    {
        var (life, random) = (x.Life, x.Random);
        DateOnly submitted;
        if (fastTrack)
            submitted = Later(random, start, 5, 25);
        else
        {
            var issued = Later(random, start, 5, 25);
            life.Step(issued, (p, on, actor, now) => ProposalSteps.IssueModificationReport(p, on, "Modification Report issued for consultation", actor, now));
            DateOnly closes;
            if (sentBackOnce)
            {
                // The same consultation runs again on the revised report.
                closes = Legal.AddWorkingDays(issued, 15);
                life.At(issued, () =>
                {
                    var again = life.Consultations.Single(c => c.Kind == ConsultationKind.ModificationReport);
                    again.IssuedOn = issued;
                    again.ClosesOn = closes;
                });
            }
            else
                closes = Consult(x, ConsultationKind.ModificationReport, start, issued);
            submitted = Later(random, closes, 3, 20);
        }
        if (random.NextDouble() < 0.03)
        {
            Withdraw(life, Weekday(start.AddDays(1 + random.Next(0, Math.Max(1, submitted.DayNumber - start.DayNumber - 3)))));
            return;
        }
        life.Step(submitted, (p, on, actor, now) => ProposalSteps.SubmitForDecision(p, on, "Final Modification Report presented to the Change Board", actor, now));
        life.At(submitted, () => life.ReadyForDecision = ((int)path, submitted));

        ScopeRecord? targeted = null;
        if (random.NextDouble() < 0.4 && schedule.ScheduledRelease(submitted.AddDays(60)) is { } target)
        {
            var entry = new ScopeRecord
            {
                Release = target, Reference = x.Modification, AddedAs = ScopeKind.Targeted,
                DecisionCutOff = target.ImplementationDate.AddDays(-30), AddedOn = submitted,
            };
            life.At(submitted, () => life.Scope.Add(entry));
            targeted = entry;
        }

        if (Schedule.After(schedule.ChangeBoard, submitted.AddDays(3)) is not { } meetingOn)
            return;
        var votes = Votes(random, meetingOn);
        var count = Counting.Count(votes);
        var outcome = count.Approved ? Outcome.Approved : Outcome.Rejected;
        var item = new Lived<AgendaItem>(new AgendaItem
        {
            Id = Ids.From(random), MeetingId = schedule.ChangeBoardMeetingId(meetingOn), MeetingOn = meetingOn, Reference = x.Modification,
            Kind = AgendaItemKind.ModificationVote, Path = (Sec.Contracts.DecisionPath)(int)path, Version = 1,
        });
        var selfGoverned = path is DecisionPath.SelfGovernance or DecisionPath.FastTrackSelfGovernance;
        var windowEnds = Legal.AddWorkingDays(meetingOn, 10);
        life.At(meetingOn, () =>
        {
            life.BoardItems.Add(item);
            item.Apply(i => i with
            {
                Votes = votes, Status = selfGoverned ? ItemStatus.Decided : ItemStatus.WithAuthority, Outcome = outcome, Breakdown = count.Breakdown,
                CountingRule = Counting.Name, ReferralWindowEndsOn = selfGoverned ? windowEnds : null, Version = i.Version + votes.Count + 1,
            });
        });

        if (selfGoverned)
        {
            DateOnly finalOn;
            Outcome final;
            if (random.NextDouble() < 0.03)
            {
                var referredOn = Min(Later(random, meetingOn, 1, 7), windowEnds);
                var referredBy = Texts.Parties[random.Next(Texts.Parties.Length)].Organisation;
                var determinedOn = Later(random, windowEnds, 5, 25);
                var determined = random.NextDouble() < 0.7 ? outcome : outcome == Outcome.Approved ? Outcome.Rejected : Outcome.Approved;
                life.At(referredOn, () => item.Apply(i => i with { Status = ItemStatus.Referred, ReferredBy = referredBy, ReferredOn = referredOn, Version = i.Version + 1 }));
                life.At(determinedOn, () => item.Apply(i => Final(i, determined, determinedOn)));
                (finalOn, final) = (determinedOn, determined);
            }
            else
            {
                life.At(windowEnds, () => item.Apply(i => Final(i, outcome, windowEnds)));
                (finalOn, final) = (windowEnds, outcome);
            }
            var approved = final == Outcome.Approved;
            life.Step(finalOn, (p, on, actor, now) => ProposalSteps.RecordChangeBoardDecision(p, approved ? DecisionOutcome.Approved : DecisionOutcome.Rejected, on, actor, now));
            if (approved)
                ToRelease(x, finalOn, targeted, urgent);
            else
                Rejected(life, finalOn, targeted);
            return;
        }

        // Paths 1 and 2: the vote is a recommendation; the Authority decides.
        var recommended = outcome == Outcome.Approved;
        life.Step(meetingOn, (p, on, actor, now) => ProposalSteps.RecordChangeBoardDecision(p, recommended ? DecisionOutcome.Approved : DecisionOutcome.Rejected, on, actor, now));
        var decidedOn = Later(random, meetingOn, 20, 100);
        var roll = random.NextDouble();
        var authority = recommended
            ? roll < 0.9 ? DecisionOutcome.Approved : roll < 0.97 || sentBackOnce ? DecisionOutcome.Rejected : DecisionOutcome.SentBack
            : roll < 0.8 ? DecisionOutcome.Rejected : DecisionOutcome.Approved;
        var finalOutcome = authority switch
        {
            DecisionOutcome.Approved => Outcome.Approved,
            DecisionOutcome.Rejected => Outcome.Rejected,
            _ => Outcome.SentBack,
        };
        life.At(decidedOn, () => item.Apply(i => Final(i, finalOutcome, decidedOn)));
        life.Step(decidedOn, (p, on, actor, now) => ProposalSteps.RecordAuthorityDecision(p, authority, on, actor, now));
        switch (authority)
        {
            case DecisionOutcome.Approved:
                ToRelease(x, decidedOn, targeted, urgent);
                break;
            case DecisionOutcome.Rejected:
                Rejected(life, decidedOn, targeted);
                break;
            default:
                Opine(x, decidedOn, path, urgent, fastTrack: false, sentBackOnce: true);
                break;
        }
    }

    /// <summary>Approved: into a release (the targeted one if decided by its cut-off), implemented when it goes live.</summary>
    private void ToRelease(PlanContext x, DateOnly approvedOn, ScopeRecord? targeted, bool urgent)
    {
        var (life, random) = (x.Life, x.Random);
        ReleasePlan release;
        if (targeted is not null && approvedOn <= targeted.DecisionCutOff)
        {
            life.At(approvedOn, () => targeted.ApprovedOn = approvedOn);
            release = targeted.Release;
        }
        else
        {
            if (targeted is not null)
                life.At(approvedOn, () => { targeted.ApprovedOn = approvedOn; targeted.LeftOn = approvedOn; targeted.LeftReason = "Approved after the decision cut-off; moved to a later release"; });
            if (schedule.ScheduledRelease(approvedOn.AddDays(45), standaloneToo: urgent || random.NextDouble() < 0.2) is not { } later)
                return;
            var entry = new ScopeRecord { Release = later, Reference = x.Modification, AddedAs = ScopeKind.Approved, AddedOn = approvedOn, ApprovedOn = approvedOn };
            life.At(approvedOn, () => life.Scope.Add(entry));
            release = later;
        }
        life.Step(release.ImplementationDate, (p, on, actor, now) => ProposalSteps.Implement(p, release.Name, on, actor, now));
        life.TerminalOn = release.ImplementationDate;
    }

    private static void Rejected(ModificationLife life, DateOnly rejectedOn, ScopeRecord? targeted)
    {
        if (targeted is not null)
            life.At(rejectedOn, () => { targeted.LeftOn ??= rejectedOn; targeted.LeftReason ??= "Rejected"; });
        life.TerminalOn = rejectedOn;
    }

    /// <summary>The proposer withdraws; with no adoption the withdrawal period ends it, and the other contexts let it go.</summary>
    private static void Withdraw(ModificationLife life, DateOnly withdrawnOn)
    {
        var ends = Legal.AddWorkingDays(withdrawnOn, 10);
        life.Cutoff = withdrawnOn;
        life.TerminalOn = ends;
        life.Step(withdrawnOn, (p, on, actor, now) => ProposalSteps.Withdraw(p, on, ends, $"{p.ProposerName} withdrew it", actor, now), always: true);
        life.Step(ends, (p, _, actor, now) => ProposalSteps.CompleteWithdrawal(p, actor, now)
            ?? throw new InvalidOperationException($"{p.Reference} should be in its withdrawal period."), always: true);
        life.At(ends, () =>
        {
            foreach (var a in life.Assessments.Where(a => !a.Current.IsClosed))
                a.Apply(c => c with { Status = AssessmentStatus.Cancelled, ClosedOn = ends, Version = c.Version + 1 });
            foreach (var item in life.BoardItems.Where(i => i.Current.Status == ItemStatus.Open))
                item.Apply(i => i with { Status = ItemStatus.Cancelled, Version = i.Version + 1 });
            foreach (var s in life.Scope.Where(s => s.LeftOn is null))
            {
                s.LeftOn = ends;
                s.LeftReason = "Withdrawn";
            }
        }, always: true);
    }

    private static void Amend(ModificationLife life, DateOnly on) =>
        life.Step(on, (p, d, actor, now) => ProposalSteps.AmendProblemStatement(p, p.ProblemStatement + " The proposer has clarified the scope.", d,
            "The proposer clarified the problem statement", actor, now));

    /// <summary>A Preliminary Assessment from request to return; the return date, which may lie past the register date.</summary>
    private static DateOnly Preliminary(PlanContext x, DateOnly requestedOn)
    {
        var (life, random) = (x.Life, x.Random);
        var record = Requested(x, AssessmentKind.Preliminary, AssessmentStatus.Requested, requestedOn, "SECAS asked the DCC for a Preliminary Assessment");
        var acceptedOn = Later(random, requestedOn, 1, 8);
        var target = random.NextDouble() < 0.1 ? 25 : Assessment.DefaultPreliminaryTarget;
        var returnedOn = AddWeekdays(acceptedOn, random.Next(8, 45));
        returnedOn = ClockStop(x, record, acceptedOn, returnedOn);
        Accept(life, record, acceptedOn, target);
        Return(x, record, returnedOn, "Preliminary", low: 2_000_000 + random.Next(0, 20_000) * 1000L);
        return returnedOn;
    }

    /// <summary>An Impact Assessment: requested, the Change Board's decision on the request, accepted and returned. Null if the request is rejected.</summary>
    private DateOnly? Impact(PlanContext x, DateOnly requestedOn)
    {
        var (life, random) = (x.Life, x.Random);
        var record = Requested(x, AssessmentKind.Impact, AssessmentStatus.AwaitingApproval, requestedOn,
            "SECAS asked for an Impact Assessment; the request goes to the Change Board");
        if (Schedule.After(schedule.ChangeBoard, Later(random, requestedOn, 2, 10)) is not { } meetingOn)
            return null;
        var roll = random.NextDouble();
        var first = roll < 0.8 ? Outcome.Approved : roll < 0.9 ? Outcome.Deferred : Outcome.Rejected;
        IaRequest(x, record, meetingOn, first);
        var approvedOn = meetingOn;
        if (first == Outcome.Rejected)
            return null;
        if (first == Outcome.Deferred)
        {
            if (Schedule.After(schedule.ChangeBoard, meetingOn) is not { } next)
                return null;
            IaRequest(x, record, next, Outcome.Approved);
            approvedOn = next;
        }
        var acceptedOn = Later(random, approvedOn, 2, 12);
        var target = random.NextDouble() < 0.1 ? 60 : Assessment.DefaultImpactTarget;
        var returnedOn = ClockStop(x, record, acceptedOn, AddWeekdays(acceptedOn, random.Next(25, 120)));
        Accept(life, record, acceptedOn, target);
        Return(x, record, returnedOn, "Impact", low: 10_000_000 + random.Next(0, 90_000) * 1000L);
        return returnedOn;
    }

    /// <summary>The decision on an agenda item becomes final.</summary>
    private static AgendaItem Final(AgendaItem item, Outcome outcome, DateOnly on) =>
        item with { Status = ItemStatus.Final, FinalOutcome = outcome, FinalOn = on, Version = item.Version + 1 };

    /// <summary>An assessment SECAS requests, in the register from its request date.</summary>
    private static Lived<Assessment> Requested(PlanContext x, AssessmentKind kind, AssessmentStatus status, DateOnly requestedOn, string note)
    {
        var record = new Lived<Assessment>(new Assessment
        {
            Id = Ids.From(x.Random), Reference = x.Modification, Kind = kind, Status = status, RequestedOn = requestedOn, TargetWorkingDays = Assessment.DefaultTarget(kind),
            Version = 1,
        });
        x.Life.At(requestedOn, () => x.Life.Assessments.Add(record));
        x.Life.Note(requestedOn, $"{(kind == AssessmentKind.Preliminary ? "Preliminary" : "Impact")} Assessment requested", note);
        return record;
    }

    private void IaRequest(PlanContext x, Lived<Assessment> assessment, DateOnly meetingOn, Outcome outcome)
    {
        var item = new Lived<AgendaItem>(new AgendaItem
        {
            Id = Ids.From(x.Random), MeetingId = schedule.ChangeBoardMeetingId(meetingOn), MeetingOn = meetingOn, Reference = x.Modification,
            Kind = AgendaItemKind.ImpactAssessmentRequest, Status = ItemStatus.Final, Outcome = outcome, FinalOutcome = outcome, FinalOn = meetingOn, Version = 2,
        });
        x.Life.At(meetingOn, () =>
        {
            x.Life.BoardItems.Add(item);
            assessment.Apply(a => a with
            {
                Status = outcome switch
                {
                    Outcome.Approved => AssessmentStatus.Approved,
                    Outcome.Deferred => AssessmentStatus.Deferred,
                    _ => AssessmentStatus.Rejected,
                },
                ClosedOn = outcome == Outcome.Rejected ? meetingOn : a.ClosedOn,
                Version = a.Version + 1,
            });
        });
        x.Life.Note(meetingOn, "Impact Assessment request decided", $"The Change Board {outcome.ToString().ToLowerInvariant()} the Impact Assessment request");
    }

    private static void Accept(ModificationLife life, Lived<Assessment> record, DateOnly acceptedOn, int target) =>
        life.At(acceptedOn, () => record.Apply(a => a with { Status = AssessmentStatus.Accepted, AcceptedOn = acceptedOn, TargetWorkingDays = target, Version = a.Version + 1 }));

    private static void Return(PlanContext x, Lived<Assessment> record, DateOnly returnedOn, string kind, long low)
    {
        var high = low + low / 100 * x.Random.Next(5, 60);
        var costs = new AssessmentCosts(
            [new ActivityCost(Activity.Combined, new PenceRange(low, high), [Activity.Design, Activity.Build, Activity.PreIntegrationTesting])],
            PenceRange.Exactly(low / 20), null);
        x.Life.At(returnedOn, () =>
        {
            record.Apply(a => a with { Status = AssessmentStatus.Returned, ReturnedOn = returnedOn, ClosedOn = returnedOn, Costs = costs, Version = a.Version + 1 });
            x.Life.DccCost = new DccCostRecord(low, high, $"DCC {kind} Assessment returned on {returnedOn:d MMMM yyyy}", returnedOn);
        });
        x.Life.Note(returnedOn, $"{kind} Assessment returned", $"The DCC returned the {kind} Assessment");
    }

    /// <summary>Sometimes the DCC stops the clock for information; the return moves out by the days stopped.</summary>
    private static DateOnly ClockStop(PlanContext x, Lived<Assessment> record, DateOnly acceptedOn, DateOnly returnedOn)
    {
        if (x.Random.NextDouble() >= 0.12)
            return returnedOn;
        var from = Later(x.Random, acceptedOn, 2, 10);
        var to = Later(x.Random, from, 5, 30);
        x.Life.At(from, () => record.Apply(a => a with { ClockStops = [.. a.ClockStops, new ClockStopPeriod(from, null, "Waiting for information from SECAS")], Version = a.Version + 1 }));
        x.Life.At(to, () => record.Apply(a => a with { ClockStops = [.. a.ClockStops.SkipLast(1), a.ClockStops[^1] with { To = to }], Version = a.Version + 1 }));
        var moved = AddWeekdays(returnedOn, WorkingDayPolicy.Weekdays(from, to));
        return moved > to ? moved : Later(x.Random, to, 1, 5);
    }

    /// <summary>A consultation: announced with its expected week, issued, responded to and closed. Returns the closing date.</summary>
    private static DateOnly Consult(PlanContext x, ConsultationKind kind, DateOnly phaseStart, DateOnly issuedOn)
    {
        var (life, random) = (x.Life, x.Random);
        var record = new ConsultationRecord { Id = Ids.From(random), Kind = kind };
        var week = issuedOn.AddDays(-(((int)issuedOn.DayOfWeek + 6) % 7) - 7 * random.Next(0, 2));
        var announcedOn = Max(phaseStart, week.AddDays(-14));
        var closesOn = Legal.AddWorkingDays(issuedOn, 15);
        life.At(announcedOn, () => { life.Consultations.Add(record); record.ExpectedWeekCommencing = week; });
        life.At(issuedOn, () => { record.IssuedOn = issuedOn; record.ClosesOn = closesOn; });
        for (var i = random.Next(2, 9); i > 0; i--)
        {
            var (organisation, category) = Texts.Parties[random.Next(Texts.Parties.Length)];
            var response = new ConsultationResponse(Texts.Person(random), organisation, category, issuedOn.AddDays(random.Next(0, closesOn.DayNumber - issuedOn.DayNumber + 1)));
            life.At(response.ReceivedOn, () => record.Responses.Add(response));
        }
        life.Note(closesOn, kind == ConsultationKind.Refinement ? "Refinement Consultation closed" : "Modification Report Consultation closed",
            "The consultation closed; SECAS is summarising the responses");
        return closesOn;
    }

    /// <summary>The Change Board's votes at a meeting: most members vote, most lean one way, a few change their vote.</summary>
    private List<Vote> Votes(Random random, DateOnly meetingOn)
    {
        var leanApprove = random.NextDouble() < 0.88;
        var votes = new List<Vote>();
        foreach (var member in members.Where(m => m.IsMemberOn(meetingOn)))
        {
            if (random.NextDouble() < 0.12)
                continue;
            var roll = random.NextDouble();
            var value = leanApprove
                ? roll < 0.8 ? VoteValue.Approve : roll < 0.9 ? VoteValue.Reject : VoteValue.Abstain
                : roll < 0.6 ? VoteValue.Reject : roll < 0.85 ? VoteValue.Approve : VoteValue.Abstain;
            if (random.NextDouble() < 0.04)
                votes.Add(new Vote(member.Id, member.Name, member.Group, VoteValue.Abstain, Superseded: true));
            votes.Add(new Vote(member.Id, member.Name, member.Group, value, Superseded: false));
        }
        return votes;
    }

    private static DecisionPath PickPath(Random random)
    {
        var roll = random.NextDouble();
        return roll < 0.07 ? DecisionPath.AuthorityLed : roll < 0.25 ? DecisionPath.AuthorityDetermination : DecisionPath.SelfGovernance;
    }

    private static DateOnly Later(Random random, DateOnly from, int min, int max) => Weekday(from.AddDays(random.Next(min, max + 1)));

    /// <summary>The date, or the Monday after if it falls at a weekend.</summary>
    public static DateOnly Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Saturday => date.AddDays(2),
        DayOfWeek.Sunday => date.AddDays(1),
        _ => date,
    };

    private static DateOnly AddWeekdays(DateOnly from, int weekdays)
    {
        var date = from;
        while (weekdays > 0)
        {
            date = date.AddDays(1);
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                weekdays--;
        }
        return date;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>What every part of one plan shares: the life, its random source and the modification's MP (or SECMP) reference.</summary>
    private sealed record PlanContext(ModificationLife Life, Random Random, string Modification);
}
