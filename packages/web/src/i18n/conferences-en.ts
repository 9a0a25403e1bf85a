// Texts of the Sozialraumkonferenzen screens (/konferenzen), English.
import type { conferencesDe } from './conferences-de.ts';

export const conferencesEn: typeof conferencesDe = {
  navConferences: 'Conferences',
  confTitle: 'Social-space conferences and bodies',
  confIntro:
    'Bodies of integrated social planning: a social-space conference per area, planning conferences, AG 78 and neighbourhood rounds – with meetings, agendas and decisions.',
  confEmpty: 'No bodies yet.',
  confKindLabel: (k: string): string =>
    (
      ({
        sozialraumkonferenz: 'Social-space conference',
        planungskonferenz: 'Planning conference',
        ag78: 'AG 78 (§ 78 SGB VIII)',
        stadtteilrunde: 'Neighbourhood round',
      }) as Record<string, string>
    )[k] ?? k,
  confRoleLabel: (k: string): string =>
    (
      ({ chair: 'Chair', deputy: 'Deputy', member: 'Member', guest: 'Guest' }) as Record<
        string,
        string
      >
    )[k] ?? k,
  confStatusLabel: (k: string): string =>
    (
      ({ planned: 'planned', invited: 'invited', held: 'held', cancelled: 'cancelled' }) as Record<
        string,
        string
      >
    )[k] ?? k,
  confNewBody: 'New body',
  confKind: 'Kind',
  confName: 'Name',
  confAreaIds: 'Area ids (comma-separated)',
  confCreate: 'Create',
  confAreas: 'Areas',
  confMembers: 'Members',
  confAddMember: 'Add member',
  confMemberSearch: 'Search a person or organisation (name)',
  confMemberSearchHelp:
    'At least 2 letters; people with an account and organisations of the service directory.',
  confMemberNoMatch: 'Nobody found.',
  confMemberChosen: 'Selected:',
  confMemberChoose: 'Please select a person or organisation first.',
  confMemberPersonKind: 'Person',
  confMemberOrgKind: 'Organisation',
  confMemberRole: 'Role',
  confMemberFrom: 'Member since',
  confMemberAdd: 'Add',
  confNoMembers: 'No members yet.',
  confMeetings: 'Meetings',
  confNoMeetings: 'No meetings yet.',
  confCalendar: 'Subscribe to calendar (iCal)',
  confPersonalFeed: 'Create personal calendar link',
  confNewMeeting: 'New meeting',
  confMeetingTitle: 'Title',
  confStart: 'Start (local time)',
  confEnd: 'End (local time)',
  confPlace: 'Place',
  confOnline: 'Online link',
  confPlan: 'Plan meeting',
  confBack: 'Back to the body',
  confAllBodies: 'All bodies',
  confAgenda: 'Agenda',
  confAgendaEmpty: 'No agenda items yet.',
  confPropose: 'Fetch proposals from the area',
  confProposeHelp:
    'Fetches new early warnings, class changes, well-supported reports and overdue measures since the last meeting.',
  confProposals: 'Proposals',
  confNotTreated: 'Not treated',
  confMerged: 'Merged',
  confAccept: 'Accept',
  confSetAside: 'Do not treat',
  confUp: 'Move up',
  confDown: 'Move down',
  confMergeInto: 'Merge with …',
  confMergeChoose: 'Choose item',
  confOwnItem: 'Own item',
  confAddItem: 'Add',
  confEvidence: 'Evidence',
  confOpenSource: 'Open source',
  confInvite: 'Send invitation by e-mail',
  confInvited: (sent, all) => `Invitation sent to ${sent} of ${all} members.`,
  confRegister: 'Register for the meeting',
  confUnregister: 'Unregister',
  confRegistered: 'You are registered.',
  confMinutes: 'Minutes',
  confNotes: 'Notes',
  confSpeakers:
    'Speakers (one per line; a leading “*” marks a private person, whose name is removed before publication)',
  confSaveMinutes: 'Save minutes',
  confDecision: 'Decision',
  confDecisionText: 'Decision text',
  confVote: 'Vote (optional)',
  confYes: 'Yes',
  confNo: 'No',
  confAbstain: 'Abstain',
  confTask: 'Task → measure (optional)',
  confTaskTitle: 'Task',
  confTaskDepartment: 'Responsible department',
  confTaskOwnDepartment: '– the organiser’s department –',
  confTaskDue: 'Due on',
  confRecord: 'Record decision',
  confTaskMeasure: (id) => (id ? `Open measure no. ${id}` : 'no measure created'),
  confMeasureDeleted: (at) => `Measure deleted on ${at}`,
  confApprove: 'Approve and publish minutes',
  confApproved: 'Minutes approved',
  confDraft: 'Draft – visible to organisers and members only',
  confVoteText: (y, n, a) => `${y} yes, ${n} no, ${a} abstentions`,
  confSaved: 'Saved.',
  confOnlineAt: 'Online',
  confAttendance: 'Attendance',
  confAttendanceHelp:
    'Registered people and members with an account. Ticked means present; everyone else counts as absent.',
  confAttendanceNone: 'Nobody registered yet and no members with an account.',
  confAttendanceSave: 'Save attendance',
  confAttendanceCount: (n, of) => `${n} of ${of} present`,
  confAttendanceRegistered: 'registered',
  confMemberNamePublic:
    'Name may be published (consent given; staff acting in office are always named)',
  confMemberNameInternal: 'name visible internally only',
  confSnippetAlt: 'Small map: the area (red) and its neighbouring areas (grey)',
  confMemberConsent: (name: string) =>
    `Consent: ${name}'s name may be published (staff in office always)`,
};
