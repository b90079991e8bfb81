Feature: Containers that finish: exit codes, logs, init containers
  A container's command runs in virtual time: a busybox `sh -c` script prints (its log, which
  `kubectl logs` shows), sleeps and exits with its status; the kubelet then restarts it or not as
  restartPolicy says. Init containers run one after another, each to success, before the pod's
  containers start.

  Background:
    Given the tutorial cluster

  Scenario: A script's output is its log; its exit status decides Completed or Error
    Given a file "pods.yaml":
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: ok
      spec:
        restartPolicy: Never
        containers:
        - name: main
          image: busybox
          command: ["sh", "-c", "echo hello; sleep 5; echo bye"]
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: oops
      spec:
        restartPolicy: Never
        containers:
        - name: main
          image: busybox
          command: ["sh", "-c", "echo starting; frobnicate --now; exit 3"]
      """
    When I run "kubectl apply -f pods.yaml"
    And I run "kubectl logs ok"
    Then the command fails with:
      """
      Error from server (BadRequest): container "main" in pod "ok" is waiting to start: ContainerCreating
      """
    When the cluster settles
    And I run "kubectl get pods"
    Then the output shows:
      | NAME | READY | STATUS    | RESTARTS |
      | ok   | 0/1   | Completed | 0        |
      | oops | 0/1   | Error     | 0        |
    When I run "kubectl logs ok --timestamps"
    Then the output is:
      """
      2018-09-06T06:57:03Z hello
      2018-09-06T06:57:08Z bye
      """
    When I run "kubectl logs oops"
    Then the output is:
      """
      starting
      sh: frobnicate: not found
      """
    When I run "kubectl describe pod oops"
    Then the output includes:
      """
          State:          Terminated
            Reason:       Error
            Exit Code:    3
      """
    When I run "kubectl logs oops --previous"
    Then the command fails with:
      """
      Error from server (BadRequest): previous terminated container "main" in pod "oops" not found
      """

  Scenario: Init containers run in order, each to the end, before the app container starts
    Given a file "web.yaml":
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        initContainers:
        - name: wait-db
          image: busybox
          command: ["sh", "-c", "echo waiting for db; sleep 10; echo db is up"]
        - name: migrate
          image: busybox
          command: ["sh", "-c", "echo migrating; sleep 5"]
        containers:
        - name: app
          image: ikubernetes/myapp:v1
      """
    When I run "kubectl apply -f web.yaml"
    And 5 seconds pass
    And I run "kubectl get pod web"
    Then the output shows:
      | NAME | READY | STATUS   | RESTARTS | AGE |
      | web  | 0/1   | Init:0/2 | 0        | 5s  |
    When 10 seconds pass
    And I run "kubectl get pod web"
    Then the output shows:
      | NAME | READY | STATUS   |
      | web  | 0/1   | Init:1/2 |
    When 5 seconds pass
    And I run "kubectl get pod web"
    Then the output shows:
      | NAME | READY | STATUS          |
      | web  | 0/1   | PodInitializing |
    When the cluster settles
    And I run "kubectl get pod web"
    Then the output shows:
      | NAME | READY | STATUS  | RESTARTS |
      | web  | 1/1   | Running | 0        |
    When I run "kubectl logs web -c wait-db"
    Then the output is:
      """
      waiting for db
      db is up
      """
    When I run "kubectl describe pod web"
    Then the output includes:
      """
      Init Containers:
        wait-db:
      """

  Scenario: A failing init container: retried with back-off, or the pod fails under restartPolicy Never
    Given a file "init-fails.yaml":
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: retry
      spec:
        initContainers:
        - name: check
          image: busybox
          command: ["sh", "-c", "echo no config; exit 1"]
        containers:
        - name: app
          image: ikubernetes/myapp:v1
      ---
      apiVersion: v1
      kind: Pod
      metadata:
        name: once
      spec:
        restartPolicy: Never
        initContainers:
        - name: check
          image: busybox
          command: ["sh", "-c", "echo no config; exit 1"]
        containers:
        - name: app
          image: ikubernetes/myapp:v1
      """
    When I run "kubectl apply -f init-fails.yaml"
    And 20 seconds pass
    And I run "kubectl get pods"
    Then the output shows:
      | NAME  | READY | STATUS                | RESTARTS        |
      | once  | 0/1   | Init:Error            | 0               |
      | retry | 0/1   | Init:CrashLoopBackOff | 2 ({age} ago)   |
    When I run "kubectl get pod once -o jsonpath={.status.phase}"
    Then the output is "Failed"
