Feature: What the kubelet reports while it pulls, starts and restarts containers
  Images come from a catalogue: known repositories have their known tags, unknown ones run as a
  generic process. A tag that does not exist fails to pull (ErrImagePull), and the kubelet backs
  off before trying again (ImagePullBackOff, 10 s doubling to 5 min). A container that exits is
  restarted with the crash-loop back-off.

  Background:
    Given the tutorial cluster

  Scenario: A tag that does not exist: ErrImagePull, then ImagePullBackOff
    When I run "kubectl run bad --image=ikubernetes/myapp:v9"
    And 3 seconds pass
    And I run "kubectl get pod bad"
    Then the output shows:
      | NAME | READY | STATUS       | RESTARTS | AGE |
      | bad  | 0/1   | ErrImagePull | 0        | 3s  |
    When 1 minute passes
    And I run "kubectl get pod bad"
    Then the output shows:
      | NAME | READY | STATUS           | RESTARTS |
      | bad  | 0/1   | ImagePullBackOff | 0        |
    When I run "kubectl describe pod bad"
    Then the output includes:
      """
        Normal   Pulling    {age} (x3 over {age})  kubelet            Pulling image "ikubernetes/myapp:v9"
        Warning  Failed     {age} (x3 over {age})  kubelet            Failed to pull image "ikubernetes/myapp:v9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/ikubernetes/myapp:v9": failed to resolve reference "docker.io/ikubernetes/myapp:v9": docker.io/ikubernetes/myapp:v9: not found
        Warning  Failed     {age} (x3 over {age})  kubelet            Error: ErrImagePull
        Normal   BackOff    {age} (x3 over {age})  kubelet            Back-off pulling image "ikubernetes/myapp:v9"
        Warning  Failed     {age} (x3 over {age})  kubelet            Error: ImagePullBackOff
      """

  Scenario: A scenario can declare that an image does not exist
    Given the registry has no image "nginx:1.99"
    When I run "kubectl run web --image=nginx:1.99"
    And the cluster settles
    And I run "kubectl get pod web"
    Then the output shows:
      | NAME | STATUS           |
      | web  | ImagePullBackOff |

  Scenario: A container that keeps exiting is restarted with the crash-loop back-off
    # busybox with no command runs `sh`, which exits at once without a terminal.
    When I run "kubectl run crash --image=busybox"
    And 1 minute passes
    And I run "kubectl get pod crash"
    Then the output shows:
      | NAME  | READY | STATUS           | RESTARTS       |
      | crash | 0/1   | CrashLoopBackOff | 3 ({age} ago)  |
    When 10 minutes pass
    And I run "kubectl get pod crash"
    Then the output shows:
      | NAME  | STATUS           | RESTARTS       |
      | crash | CrashLoopBackOff | 7 ({age} ago)  |

  Scenario: Deleting a pod whose process ignores SIGTERM takes the whole grace period
    Given a file "sleeper.yaml":
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: sleeper
      spec:
        containers:
        - name: sleeper
          image: busybox
          command: ["sleep", "3600"]
      """
    When I run "kubectl create -f sleeper.yaml"
    And the cluster settles
    And I run "kubectl delete pod sleeper --wait=false"
    Then the output is:
      """
      pod "sleeper" deleted
      """
    When 29 seconds pass
    And I run "kubectl get pod sleeper"
    Then the output shows:
      | NAME    | READY | STATUS      |
      | sleeper | 1/1   | Terminating |
    When 1 second passes
    And I run "kubectl get pod sleeper"
    Then the command fails with:
      """
      Error from server (NotFound): pods "sleeper" not found
      """
