Feature: Watching with kubectl get -w
  The tutorial follows a rolling update with `kubectl get pods -w` in a second terminal. Here the
  watch runs as a background job (`kubectl get pods -w &`) in the same terminal: it prints the
  table as `get` would, then one row per change, aligned with that first table and without a
  second header, its AGE counted at the moment of the change; the transcript shows its rows between
  the command lines, as they come. `kill %1`, or the end of the scenario, stops it.

  Background:
    Given the tutorial cluster

  @CLI-1
  Scenario: A watch shows the pods a scale-up adds, row by row
    When I run "kubectl create -f web.yaml"
    And 5 seconds pass
    And I watch "kubectl get pods -w" while I run "kubectl scale rs web --replicas=3"
    And the cluster settles
    Then the watch shows exactly:
      | NAME         | READY | STATUS            | RESTARTS | AGE |
      | web-{suffix} | 1/1   | Running           | 0        | 5s  |
      | web-{suffix} | 1/1   | Running           | 0        | 5s  |
      | web-{suffix} | 0/1   | Pending           | 0        | 0s  |
      | web-{suffix} | 0/1   | Pending           | 0        | 0s  |
      | web-{suffix} | 0/1   | ContainerCreating | 0        | 0s  |
      | web-{suffix} | 1/1   | Running           | 0        | 1s  |
    When I run "kubectl get pods -l app=web -o jsonpath={.items[0].metadata.name}" and remember the output as POD
    And I run "kubectl delete pod $POD"
    And the cluster settles
    Then the watch shows, in order:
      | NAME         | READY | STATUS      |
      | $POD         | 1/1   | Terminating |
      | web-{suffix} | 0/1   | Pending     |
      | $POD         | 0/1   | Completed   |
      | web-{suffix} | 1/1   | Running     |
    When I run "kill %1"
    Then the output is empty
    When I run "kubectl scale rs web --replicas=1"
    And the cluster settles
    Then the watch shows, in order:
      | NAME | STATUS    |
      | $POD | Completed |

  # The ReplicaSet is written twice before its pod goes: the new spec, then the status that observed it.
  @CLI-1
  Scenario: A watch of one object with its watch events
    When I run "kubectl create -f web.yaml"
    And the cluster settles
    And I watch "kubectl get rs web --output-watch-events -w" while I run "kubectl scale rs web --replicas=1"
    And the cluster settles
    Then the watch shows exactly:
      | EVENT    | NAME | DESIRED | CURRENT | READY |
      | ADDED    | web  | 2       | 2       | 2     |
      | MODIFIED | web  | 1       | 2       | 2     |
      | MODIFIED | web  | 1       | 2       | 2     |
      | MODIFIED | web  | 1       | 1       | 1     |
