Feature: Job: pods that run to completion
  A Job runs pods until enough of them have succeeded: `completions` successes, at most
  `parallelism` at a time. A pod that fails is replaced (restartPolicy Never) after a back-off of
  10 s doubling per failure, or its container is restarted in place by the kubelet (OnFailure);
  past `backoffLimit` failures (or restarts) the Job fails, as it does past its
  activeDeadlineSeconds. Kubernetes 1.32 first marks the outcome with an interim condition
  (SuccessCriteriaMet, FailureTarget) and adds Complete or Failed once no pod is terminating.
  Containers here do finite work: a busybox `sh -c` script runs in virtual time, and what it
  prints is its log.

  Background:
    Given the tutorial cluster

  @JOB-1 @CTRL-4
  Scenario: Three completions, two at a time: COMPLETIONS counts up to 3/3 and the pods end Completed
    When I run "kubectl apply -f job-parallel.yaml"
    Then the output is "job.batch/process-items created"
    When I run "kubectl logs job/process-items"
    Then the command fails with:
      """
      Found 2 pods, using pod/process-items-{suffix}
      Error from server (BadRequest): container "worker" in pod "process-items-{suffix}" is waiting to start: ContainerCreating
      """
    When 4 seconds pass
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME            STATUS    COMPLETIONS   DURATION   AGE
      process-items   Running   0/3           4s         4s
      """
    When I run "kubectl get pods"
    Then the output shows:
      | NAME                    | READY | STATUS  | RESTARTS | AGE |
      | process-items-{suffix}  | 1/1   | Running | 0        | 4s  |
      | process-items-{suffix}  | 1/1   | Running | 0        | 4s  |
    # Each pod runs 5 s; the third starts when the first two are done.
    When the cluster settles
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME            STATUS     COMPLETIONS   DURATION   AGE
      process-items   Complete   3/3           16s        17s
      """
    When I run "kubectl get pods"
    Then the output shows, in any order:
      | NAME                   | READY | STATUS    | RESTARTS | AGE |
      | process-items-{suffix} | 0/1   | Completed | 0        | 17s |
      | process-items-{suffix} | 0/1   | Completed | 0        | 17s |
      | process-items-{suffix} | 0/1   | Completed | 0        | 8s  |
    When I run "kubectl logs job/process-items --timestamps"
    Then the output is:
      """
      2018-09-06T06:57:03Z processing an item on process-items-{suffix}
      2018-09-06T06:57:08Z done
      """
    When I run "kubectl describe job process-items"
    Then the output includes:
      """
      Parallelism:      2
      Completions:      3
      Completion Mode:  NonIndexed
      Suspend:          false
      Backoff Limit:    6
      Start Time:       Thu, 06 Sep 2018 06:57:00 +0000
      Completed At:     Thu, 06 Sep 2018 06:57:16 +0000
      Duration:         16s
      Pods Statuses:    0 Active (0 Ready) / 3 Succeeded / 0 Failed
      """
    And the output includes:
      """
        Normal  SuccessfulCreate  17s   job-controller  Created pod: process-items-{suffix}
        Normal  SuccessfulCreate  17s   job-controller  Created pod: process-items-{suffix}
        Normal  SuccessfulCreate  8s    job-controller  Created pod: process-items-{suffix}
        Normal  Completed         1s    job-controller  Job completed
      """
    And the Job "process-items" has:
      """
      status:
        succeeded: 3
        ready: 0
        terminating: 0
        uncountedTerminatedPods: {}
        conditions:
        - type: SuccessCriteriaMet
          status: "True"
          reason: CompletionsReached
          message: Reached expected number of succeeded pods
        - type: Complete
          status: "True"
          reason: CompletionsReached
          message: Reached expected number of succeeded pods
      """

  @JOB-1
  Scenario: The API server labels a Job's pods and selects them by the Job's uid
    When I run "kubectl apply -f job-parallel.yaml"
    Then every pod matching "batch.kubernetes.io/job-name=process-items" has:
      """
      metadata:
        finalizers:
        - batch.kubernetes.io/job-tracking
        ownerReferences:
        - apiVersion: batch/v1
          kind: Job
          name: process-items
          controller: true
          blockOwnerDeletion: true
      """
    When the cluster settles
    Then the Job "process-items" has:
      """
      metadata:
        labels:
          batch.kubernetes.io/job-name: process-items
          job-name: process-items
      spec:
        backoffLimit: 6
        completionMode: NonIndexed
        manualSelector: false
        podReplacementPolicy: TerminatingOrFailed
        suspend: false
        template:
          metadata:
            labels:
              batch.kubernetes.io/job-name: process-items
              job-name: process-items
      """
    When I run "kubectl get jobs -o wide"
    Then the output is:
      """
      NAME            STATUS     COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES    SELECTOR
      process-items   Complete   3/3           16s        17s   worker       busybox   batch.kubernetes.io/controller-uid={uid}
      """

  @JOB-1
  Scenario: An Indexed Job gives each pod its index: in its name, label, hostname and JOB_COMPLETION_INDEX
    When I run "kubectl apply -f job-indexed.yaml"
    Then a pod matching "batch.kubernetes.io/job-completion-index=2" has:
      """
      metadata:
        annotations:
          batch.kubernetes.io/job-completion-index: "2"
      spec:
        hostname: shards-2
        containers:
        - name: worker
          env:
          - name: JOB_COMPLETION_INDEX
            valueFrom:
              fieldRef:
                apiVersion: v1
                fieldPath: metadata.labels['batch.kubernetes.io/job-completion-index']
      """
    When the cluster settles
    And I run "kubectl get pods -L batch.kubernetes.io/job-completion-index"
    Then the output shows:
      | NAME              | STATUS    | JOB-COMPLETION-INDEX |
      | shards-0-{suffix} | Completed | 0                    |
      | shards-1-{suffix} | Completed | 1                    |
      | shards-2-{suffix} | Completed | 2                    |
    When I run "kubectl logs job/shards"
    Then the output is "shard 0 of 3"
    When I run "kubectl get jobs"
    Then the output shows:
      | NAME   | STATUS   | COMPLETIONS |
      | shards | Complete | 3/3         |
    When I run "kubectl describe job shards"
    Then the output includes:
      """
      Pods Statuses:      0 Active (0 Ready) / 3 Succeeded / 0 Failed
      Completed Indexes:  0-2
      """

  @JOB-2 @CTRL-4
  Scenario: restartPolicy Never: each failed pod is kept, and a new one made after 10 s, then 20 s
    Given the image catalogue has:
      """
      - repository: example/flaky-worker
        base: busybox
        size: 1048576
        pullSeconds: 1
        exit: { after: 5, code: 0, failTimes: 2, stdout: "processing\n" }
      """
    When I run "kubectl apply -f job-flaky-never.yaml"
    And 12 seconds pass
    And I run "kubectl get pods"
    Then the output shows:
      | NAME           | READY | STATUS | RESTARTS | AGE |
      | flaky-{suffix} | 0/1   | Error  | 0        | 12s |
    # The pod failed at 7 s; its replacement waits for the 10 s back-off.
    When 5 seconds pass
    And I run "kubectl get pods"
    Then the output shows:
      | NAME           | STATUS            | AGE |
      | flaky-{suffix} | ContainerCreating | 0s  |
      | flaky-{suffix} | Error             | 17s |
    When the cluster settles
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME    STATUS     COMPLETIONS   DURATION   AGE
      flaky   Complete   1/1           51s        52s
      """
    When I run "kubectl get pods"
    Then the output shows:
      | NAME           | READY | STATUS    | RESTARTS | AGE |
      | flaky-{suffix} | 0/1   | Completed | 0        | 8s  |
      | flaky-{suffix} | 0/1   | Error     | 0        | 35s |
      | flaky-{suffix} | 0/1   | Error     | 0        | 52s |
    When I run "kubectl describe job flaky"
    Then the output includes:
      """
      Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 2 Failed
      """
    # The second failure (at 24 s) doubles the back-off to 20 s.
    And the output includes:
      """
        Normal  SuccessfulCreate  52s   job-controller  Created pod: flaky-{suffix}
        Normal  SuccessfulCreate  35s   job-controller  Created pod: flaky-{suffix}
        Normal  SuccessfulCreate  8s    job-controller  Created pod: flaky-{suffix}
        Normal  Completed         1s    job-controller  Job completed
      """

  @JOB-2 @CTRL-4
  Scenario: restartPolicy OnFailure: the kubelet restarts the container in place until it succeeds
    Given the image catalogue has:
      """
      - repository: example/flaky-worker
        base: busybox
        size: 1048576
        pullSeconds: 1
        exit: { after: 5, code: 0, failTimes: 2, stdout: "processing\n" }
      """
    When I run "kubectl apply -f job-flaky-onfailure.yaml"
    And 10 seconds pass
    And I run "kubectl get pods"
    Then the output shows:
      | NAME           | READY | STATUS  | RESTARTS     | AGE |
      | flaky-{suffix} | 1/1   | Running | 1 ({age} ago) | 10s |
    When the cluster settles
    And I run "kubectl get pods"
    Then the output shows:
      | NAME           | READY | STATUS    | RESTARTS      | AGE |
      | flaky-{suffix} | 0/1   | Completed | 2 (17s ago)   | 29s |
    When I run "kubectl get jobs"
    Then the output is:
      """
      NAME    STATUS     COMPLETIONS   DURATION   AGE
      flaky   Complete   1/1           28s        29s
      """
    When I run "kubectl logs job/flaky --previous"
    Then the output is "processing"

  @JOB-2
  Scenario: Past backoffLimit the Job fails: BackoffLimitExceeded, and describe says so
    When I run "kubectl apply -f job-doomed.yaml"
    And the cluster settles
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME     STATUS   COMPLETIONS   DURATION   AGE
      doomed   Failed   0/1           44s        44s
      """
    # backoffLimit 2: the third failure fails the Job, and the failed pods stay.
    When I run "kubectl get pods"
    Then the output shows:
      | NAME            | READY | STATUS | RESTARTS |
      | doomed-{suffix} | 0/1   | Error  | 0        |
      | doomed-{suffix} | 0/1   | Error  | 0        |
      | doomed-{suffix} | 0/1   | Error  | 0        |
    When I run "kubectl describe job doomed"
    Then the output includes:
      """
      Backoff Limit:    2
      Start Time:       Thu, 06 Sep 2018 06:57:00 +0000
      Pods Statuses:    0 Active (0 Ready) / 0 Succeeded / 3 Failed
      """
    And the output includes:
      """
        Warning  BackoffLimitExceeded  1s    job-controller  Job has reached the specified backoff limit
      """
    And the Job "doomed" has:
      """
      status:
        failed: 3
        conditions:
        - type: FailureTarget
          status: "True"
          reason: BackoffLimitExceeded
          message: Job has reached the specified backoff limit
        - type: Failed
          status: "True"
          reason: BackoffLimitExceeded
          message: Job has reached the specified backoff limit
      """
    When I run "kubectl logs job/doomed"
    Then the output is:
      """
      connecting to db
      connection refused
      """

  @JOB-2
  Scenario: Past activeDeadlineSeconds the Job's pod is deleted, and the Job fails once it is gone
    When I run "kubectl apply -f job-deadline.yaml"
    And 31 seconds pass
    And I run "kubectl get jobs,pods"
    Then the output is:
      """
      NAME             STATUS          COMPLETIONS   DURATION   AGE
      job.batch/slow   FailureTarget   0/1           31s        31s

      NAME             READY   STATUS        RESTARTS   AGE
      pod/slow-{suffix}   1/1     Terminating   0          31s
      """
    # `sleep` ignores SIGTERM: the pod goes at the end of its 30 s grace period.
    When the cluster settles
    And I run "kubectl get jobs"
    Then the output is:
      """
      NAME   STATUS   COMPLETIONS   DURATION   AGE
      slow   Failed   0/1           62s        62s
      """
    When I run "kubectl describe job slow"
    Then the output includes:
      """
      Active Deadline Seconds:  30s
      Pods Statuses:            0 Active (0 Ready) / 0 Succeeded / 1 Failed
      """
    And the output includes:
      """
        Normal   SuccessfulDelete  32s   job-controller  Deleted pod: slow-{suffix}
        Warning  DeadlineExceeded  1s    job-controller  Job was active longer than specified deadline
      """

  Scenario: A suspended Job makes no pods; resuming starts them, suspending again deletes them
    When I run "kubectl apply -f job-suspended.yaml"
    And the cluster settles
    And I run "kubectl get jobs,pods"
    Then the output is:
      """
      NAME              STATUS      COMPLETIONS   DURATION   AGE
      job.batch/later   Suspended   0/1                      1s
      """
    When I run:
      """
      kubectl patch job later -p '{"spec":{"suspend":false}}'
      """
    Then the output is "job.batch/later patched"
    When 5 seconds pass
    And I run "kubectl get jobs,pods"
    Then the output is:
      """
      NAME              STATUS    COMPLETIONS   DURATION   AGE
      job.batch/later   Running   0/1           5s         6s

      NAME              READY   STATUS    RESTARTS   AGE
      pod/later-{suffix}   1/1     Running   0          5s
      """
    When I run:
      """
      kubectl patch job later -p '{"spec":{"suspend":true}}'
      """
    And the cluster settles
    And I run "kubectl get jobs,pods"
    Then the output is:
      """
      NAME              STATUS      COMPLETIONS   DURATION   AGE
      job.batch/later   Suspended   0/1           37s        38s
      """
    And the Job "later" has:
      """
      status:
        conditions:
        - type: Suspended
          status: "True"
          reason: JobSuspended
          message: Job suspended
      """
    When I run "kubectl get events --field-selector involvedObject.kind=Job"
    Then the output shows:
      | TYPE   | REASON           | OBJECT    | MESSAGE                     |
      | Normal | Suspended        | job/later | Job suspended               |
      | Normal | SuccessfulCreate | job/later | Created pod: later-{suffix} |
      | Normal | Resumed          | job/later | Job resumed                 |
      | Normal | SuccessfulDelete | job/later | Deleted pod: later-{suffix} |

  Scenario: ttlSecondsAfterFinished: the finished Job and its pods are deleted once the time is up
    When I run "kubectl apply -f job-ttl.yaml"
    And the cluster settles
    And I run "kubectl get jobs,pods"
    Then the output is:
      """
      NAME                    STATUS     COMPLETIONS   DURATION   AGE
      job.batch/short-lived   Complete   1/1           4s         5s

      NAME                    READY   STATUS      RESTARTS   AGE
      pod/short-lived-{suffix}   0/1     Completed   0          5s
      """
    When I run "kubectl logs job/short-lived"
    Then the output is "all done"
    # Completed at 4 s, so the 60 s are up at 64 s.
    When 58 seconds pass
    And I run "kubectl get jobs"
    Then the output shows:
      | NAME        | STATUS   |
      | short-lived | Complete |
    When 1 second passes
    And I run "kubectl get jobs,pods"
    Then the error output is "No resources found in default namespace."

  @JOB-1
  Scenario: Bad input: negative completions, and a pod template that would restart Always
    When I run "kubectl apply -f job-negative.yaml"
    Then the command fails with:
      """
      The Job "negative" is invalid: spec.completions: Invalid value: -1: must be greater than or equal to 0
      """
    # Since v1.20 a template left at the pod default (Always) is "Required", not "Unsupported".
    When I run "kubectl create -f job-always.yaml"
    Then the command fails with:
      """
      The Job "forever" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
      """
    When I run "kubectl get jobs"
    Then the error output is "No resources found in default namespace."
