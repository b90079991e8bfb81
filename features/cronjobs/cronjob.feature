Feature: CronJob (tutorial 1.5)
  A CronJob is a Job on a schedule, as cron runs commands: the tutorial's example is a database
  backup every night, a task that must run to its end and then stop. Each Job is named after the
  minute it was scheduled for, counted from the Unix epoch (`backup-25604760` is 2018-09-07
  02:00 UTC); a few finished Jobs are kept (3 that succeeded, 1 that failed, by default) and older
  ones are deleted with their pods. When a run outlasts its interval, concurrencyPolicy decides:
  Allow starts another, Forbid skips, Replace deletes the running Job and starts anew.
  The cluster's clock starts at 2018-09-06 06:57:00 UTC, and schedules are read in UTC, the zone of
  kube-controller-manager. Letting the cluster settle finishes what is running but stops before
  the next scheduled time: only letting time pass runs schedules.

  Background:
    Given the tutorial cluster

  @CTRL-5 @CJ-1
  Scenario: The hello CronJob runs a Job every minute, each once to completion
    When I run "kubectl apply -f hello.yaml"
    Then the output is "cronjob.batch/hello created"
    When the cluster settles
    And I run "kubectl get cronjobs"
    Then the output is:
      """
      NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      hello   * * * * *   <none>     False     0        <none>          0s
      """
    # The first scheduled time is 06:58:00 (minute 25603618); the controller wakes 100 ms after it.
    When 70 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME           | STATUS   | COMPLETIONS |
      | hello-25603618 | Complete | 1/1         |
    When I run "kubectl get cronjob hello"
    Then the output is:
      """
      NAME    SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      hello   * * * * *   <none>     False     0        10s             70s
      """
    When I run "kubectl logs job/hello-25603618"
    Then the output contains "Hello from the Kubernetes cluster"
    # Four Jobs have run by 07:01:10; the oldest succeeded one is deleted, three stay.
    When 3 minutes pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME           | STATUS   | COMPLETIONS |
      | hello-25603619 | Complete | 1/1         |
      | hello-25603620 | Complete | 1/1         |
      | hello-25603621 | Complete | 1/1         |
    And the Job "hello-25603621" has:
      """
      metadata:
        annotations:
          batch.kubernetes.io/cronjob-scheduled-timestamp: "2018-09-06T07:01:00Z"
        ownerReferences:
        - apiVersion: batch/v1
          kind: CronJob
          name: hello
          controller: true
          blockOwnerDeletion: true
      """

  @CTRL-5 @CJ-1
  Scenario: A nightly database backup: a Job each night at 02:00, three kept, none while suspended
    When I run "kubectl apply -f backup.yaml"
    Then the output is "cronjob.batch/backup created"
    When 3 days pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME            | STATUS   | COMPLETIONS | AGE   |
      | backup-25604760 | Complete | 1/1         | 2d4h  |
      | backup-25606200 | Complete | 1/1         | 28h   |
      | backup-25607640 | Complete | 1/1         | 4h57m |
    When I run "kubectl get cronjob backup"
    Then the output is:
      """
      NAME     SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      backup   0 2 * * *   <none>     False     0        4h57m           3d
      """
    When I run "kubectl logs job/backup-25607640"
    Then the output is:
      """
      dumping the database
      backup complete
      """
    # Two more nights: five backups have run, the two oldest are gone with their pods.
    When 2 days pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME            | STATUS   |
      | backup-25607640 | Complete |
      | backup-25609080 | Complete |
      | backup-25610520 | Complete |
    And 0 pods match "job-name=backup-25604760"
    When I run "kubectl get pods -l app=backup"
    Then the output shows:
      | NAME                     | READY | STATUS    |
      | backup-25607640-{suffix} | 0/1   | Completed |
      | backup-25609080-{suffix} | 0/1   | Completed |
      | backup-25610520-{suffix} | 0/1   | Completed |
    When I run:
      """
      kubectl patch cronjob backup -p '{"spec":{"suspend":true}}'
      """
    Then the output is "cronjob.batch/backup patched"
    When 2 days pass
    And I run "kubectl get cronjob backup"
    Then the output shows:
      | NAME   | SUSPEND | ACTIVE | LAST SCHEDULE |
      | backup | True    | 0      | 2d4h          |
    And the CronJob "backup" has:
      """
      status:
        lastScheduleTime: "2018-09-11T02:00:00Z"
        lastSuccessfulTime: "2018-09-11T02:00:07Z"
      """
    # Resuming runs the most recent missed night at once (02:00 today, now 06:57), and only that one.
    When I run:
      """
      kubectl patch cronjob backup -p '{"spec":{"suspend":false}}'
      """
    And the cluster settles
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME            | STATUS   | AGE  |
      | backup-25609080 | Complete | 3d4h |
      | backup-25610520 | Complete | 2d4h |
      | backup-25613400 | Complete | 8s   |

  @CTRL-5 @CJ-1
  Scenario: A time zone: 02:00 in Shanghai is 18:00 UTC
    When I run "kubectl apply -f backup-shanghai.yaml"
    And I run "kubectl get cronjobs"
    Then the output is:
      """
      NAME     SCHEDULE    TIMEZONE        SUSPEND   ACTIVE   LAST SCHEDULE   AGE
      backup   0 2 * * *   Asia/Shanghai   False     0        <none>          0s
      """
    When 12 hours pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME            | STATUS   | AGE |
      | backup-25604280 | Complete | 57m |
    And the Job "backup-25604280" has:
      """
      metadata:
        annotations:
          batch.kubernetes.io/cronjob-scheduled-timestamp: "2018-09-07T02:00:00+08:00"
      """

  @CTRL-5 @CJ-1
  Scenario: A backup now, out of schedule, from the CronJob's template
    When I run "kubectl apply -f backup.yaml"
    And I run "kubectl create job backup-now --from=cronjob/backup"
    Then the output is "job.batch/backup-now created"
    When the cluster settles
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME       | STATUS   | COMPLETIONS |
      | backup-now | Complete | 1/1         |
    And the Job "backup-now" has:
      """
      metadata:
        annotations:
          cronjob.kubernetes.io/instantiate: manual
        labels:
          app: backup
        ownerReferences:
        - apiVersion: batch/v1
          kind: CronJob
          name: backup
          controller: true
      """
    # The controller did not make it, and says so while it runs.
    When I run "kubectl describe cronjob backup"
    Then the output contains "Saw a job that the controller did not create or forgot: backup-now"

  @CTRL-5 @CJ-2
  Scenario: Allow: a run that outlasts its interval gets company
    When I run "kubectl apply -f slow-allow.yaml"
    Then the output is "cronjob.batch/slow created"
    # Every minute a Job that takes 90 seconds: at 06:59:05 the 06:58 run is still going.
    When 125 seconds pass
    And I run "kubectl get cronjob slow"
    Then the output shows:
      | NAME | SCHEDULE    | SUSPEND | ACTIVE | LAST SCHEDULE |
      | slow | */1 * * * * | False   | 2      | 5s            |
    When I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS  | COMPLETIONS |
      | slow-25603618 | Running | 0/1         |
      | slow-25603619 | Running | 0/1         |
    # There is no steady state to settle into: settling finishes the 06:58 run (about 06:59:34) and stops
    # before the next scheduled time, 07:00, with the 06:59 run still going.
    When the cluster settles
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS   | COMPLETIONS |
      | slow-25603618 | Complete | 1/1         |
      | slow-25603619 | Running  | 0/1         |
    When I run "kubectl get cronjob slow"
    Then the output shows:
      | NAME | ACTIVE | LAST SCHEDULE |
      | slow | 1      | 35s           |

  @CTRL-5 @CJ-2
  Scenario: Forbid: while a run is going the scheduled time is skipped; the latest one runs when it ends
    When I run "kubectl apply -f slow-forbid.yaml"
    And 125 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS  |
      | slow-25603618 | Running |
    When I run "kubectl describe cronjob slow"
    Then the output contains "JobAlreadyActive  5s    cronjob-controller  Not starting job because prior execution is running and concurrency policy is Forbid"
    And the output contains "Active Jobs:         slow-25603618"
    # The 06:58 run ends at about 06:59:34. The sync that notices it finds 06:59 unmet
    # (lastScheduleTime is still 06:58) and, with no startingDeadlineSeconds to forbid it, starts it
    # then: Forbid skips a run only while the previous one goes on.
    When 30 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS   |
      | slow-25603618 | Complete |
      | slow-25603619 | Running  |

  @CTRL-5 @CJ-2
  Scenario: Forbid with a starting deadline: a skipped run stays skipped
    When I run "kubectl apply -f slow-forbid.yaml"
    And I run:
      """
      kubectl patch cronjob slow -p '{"spec":{"startingDeadlineSeconds":10}}'
      """
    And 155 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS   |
      | slow-25603618 | Complete |
    When 30 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS   |
      | slow-25603618 | Complete |
      | slow-25603620 | Running  |

  @CTRL-5 @CJ-2
  Scenario: Replace: the running Job is deleted and the new one started
    When I run "kubectl apply -f slow-replace.yaml"
    And 125 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME          | STATUS  |
      | slow-25603619 | Running |
    When I run "kubectl get cronjob slow"
    Then the output shows:
      | NAME | ACTIVE | LAST SCHEDULE |
      | slow | 1      | 5s            |
    When I run "kubectl describe cronjob slow"
    Then the output includes:
      """
        Normal  SuccessfulCreate  65s   cronjob-controller  Created job slow-25603618
        Normal  SuccessfulDelete  5s    cronjob-controller  Deleted job slow-25603618
        Normal  SuccessfulCreate  5s    cronjob-controller  Created job slow-25603619
      """

  @CTRL-5
  Scenario: An invalid schedule gets the API server's answer, and nothing changes
    Then I note the state of the cluster
    When I run "kubectl apply -f bad-schedule.yaml"
    Then the command fails with:
      """
      The CronJob "backup" is invalid: spec.schedule: Invalid value: "0 2 * *": expected exactly 5 fields, found 4: [0 2 * *]
      """
    # Day-of-week is 0-6 in robfig/cron, the parser Kubernetes uses; Jenkins' H is not known.
    When I run "kubectl create cronjob backup --image=busybox:1.28 --schedule='0 2 * * 7'"
    Then the command fails with:
      """
      error: failed to create cronjob: CronJob.batch "backup" is invalid: spec.schedule: Invalid value: "0 2 * * 7": end of range (7) above maximum (6): 7
      """
    When I run "kubectl create cronjob backup --image=busybox:1.28 --schedule='H 2 * * *'"
    Then the command fails with:
      """
      error: failed to create cronjob: CronJob.batch "backup" is invalid: spec.schedule: Invalid value: "H 2 * * *": failed to parse int from H: strconv.Atoi: parsing "H": invalid syntax
      """
    When I run "kubectl create cronjob backup --image=busybox:1.28 --schedule='CRON_TZ=Asia/Shanghai 0 2 * * *'"
    Then the command fails with:
      """
      error: failed to create cronjob: CronJob.batch "backup" is invalid: spec.schedule: Invalid value: "CRON_TZ=Asia/Shanghai 0 2 * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead
      """
    And the cluster is unchanged
