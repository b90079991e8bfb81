Feature: Timelines: what happened to the pods while a workload changed
  The store keeps every write, with its virtual time: steps rebuild from it which pods existed,
  ran, were ready and were available at every moment of a rollout, and the report draws it. "The
  rollout" runs from `When I note the time` (or, without a note, from the last command line that
  changed a workload) until now. Until the Deployment controller moves pods between ReplicaSets,
  these scenarios move them by hand, with two ReplicaSets of one app.

  Background:
    Given the tutorial cluster
    When I run "kubectl apply -f web-v1.yaml"
    And the cluster settles

  Scenario: A rolling update by hand, one surge pod at a time, never drops below three available pods
    When I note the time
    And I run "kubectl apply -f web-v2.yaml"
    # One new pod first (maxSurge 1); once it is ready, one old pod goes (maxUnavailable 0).
    And I run "kubectl scale rs web-v2 --replicas=1"
    And the cluster settles
    And I run "kubectl scale rs web-v1 --replicas=2"
    And the cluster settles
    And I run "kubectl scale rs web-v2 --replicas=2"
    And the cluster settles
    And I run "kubectl scale rs web-v1 --replicas=1"
    And the cluster settles
    And I run "kubectl scale rs web-v2 --replicas=3"
    And the cluster settles
    And I run "kubectl scale rs web-v1 --replicas=0"
    And the cluster settles
    Then during the rollout at least 3 pods were available at every moment
    And at most 4 pods existed at any moment
    And pods were replaced one at a time
    And 3 pods match "app=web,track=v2"
    And the ReplicaSets were scaled:
      | web-v1 | web-v2 |
      | 3      | -      |
      | 3      | 0      |
      | 3      | 1      |
      | 2      | 1      |
      | 2      | 2      |
      | 1      | 2      |
      | 1      | 3      |
      | 0      | 3      |

  Scenario: A recreate by hand: every old pod is gone before the first new one is created
    When I note the time
    And I run "kubectl scale rs web-v1 --replicas=0"
    And the cluster settles
    And I run "kubectl apply -f web-v2.yaml"
    And I run "kubectl scale rs web-v2 --replicas=3"
    And the cluster settles
    Then every pod of the old ReplicaSet was gone before the first pod of the new one was created
    And every pod of ReplicaSet "web-v1" was gone before the first pod of ReplicaSet "web-v2" was created
    And at most 3 pods existed at any moment
    And at most 3 pods matching "app=web" were ready at any moment

  Scenario: Without a note, the rollout is the last command that changed a workload
    When I run "kubectl scale rs web-v1 --replicas=5"
    And the cluster settles
    Then during the rollout at least 3 pods were available at every moment
    And at most 5 pods existed at any moment
    And the ReplicaSets were scaled:
      | web-v1 |
      | 3      |
      | 5      |

  Scenario: A pod is available only once it has been ready for minReadySeconds
    When I run "kubectl apply -f slow-start.yaml"
    And 8 seconds pass
    Then during the rollout at most 2 pods were ready at any moment
    And at most 0 pods were available at any moment
    When 10 seconds pass
    Then at most 2 pods were available at any moment
    And the ReplicaSets were scaled:
      | slow-start |
      | -          |
      | 2          |
